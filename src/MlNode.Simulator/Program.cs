using MlNode.Simulator;

// Standalone: `dotnet run --project src/MlNode.Simulator -- --port=8080 [--fault=...]`, for dry runs of a pipeline.
// Options keep their own parser: ASP.NET Core's command-line configuration keeps only the last of a repeated key,
// and --fault, --preloaded and --recorded repeat; the parser's one-line errors are the ones the Cake task shows.
if (args.Contains("--help") || args.Contains("-h"))
{
    Console.WriteLine("MLNode simulator: a faithful MLNode HTTP API (mlnode-api.md) with fault injection.");
    Console.WriteLine("usage: dotnet run --project src/MlNode.Simulator -- [options]");
    foreach (var (name, help) in SimulatorOptions.Help.Concat(MlNode.Simulator.Fleet.FleetOptions.Help))
    {
        Console.WriteLine($"  {name,-34} {help}");
    }

    return 0;
}

if (MlNode.Simulator.Fleet.FleetOptions.IsFleet(args))
{
    MlNode.Simulator.Fleet.FleetOptions fleetOptions;
    try
    {
        fleetOptions = MlNode.Simulator.Fleet.FleetOptions.Parse(args.Any(a => a.StartsWith("--port", StringComparison.Ordinal)) ? args : [.. args, "--port=9200"]);
    }
    catch (FormatException ex)
    {
        Console.Error.WriteLine($"ERROR: {ex.Message}");
        return 1;
    }

    await using var fleet = await MlNode.Simulator.Fleet.SimulatedFleet.StartAsync(fleetOptions);
    Console.WriteLine($"Simulated Network Node: Admin API on {fleet.AdminUrl}, {fleet.Nodes.Count} MLNodes: {string.Join(", ", fleet.Nodes.Select((n, i) => $"node{i + 1}={n.BaseUrl}"))}");
    await fleet.WaitForShutdownAsync();
    Console.WriteLine("Simulated Network Node stopped.");
    return 0;
}

SimulatorOptions options;
try
{
    options = SimulatorOptions.Parse(args, new SimulatorOptions { Port = 8080 });
}
catch (FormatException ex)
{
    Console.Error.WriteLine($"ERROR: {ex.Message}");
    return 1;
}

await using var simulator = await MlNodeSimulator.StartAsync(options);
Console.WriteLine($"MLNode simulator listening on {simulator.BaseUrl} (gpus={options.Gpus}, rate={options.Rate} n/s per replica, faults: " +
    $"{(options.Faults.Count == 0 ? "none" : string.Join(", ", options.Faults))})");
Console.WriteLine("Observe it under /_sim/requests and /_sim/truth. Ctrl-C stops it.");

// The host's console lifetime turns Ctrl-C and SIGTERM into a graceful stop; no signal handling of our own.
await simulator.WaitForShutdownAsync();
Console.WriteLine("MLNode simulator stopped.");
return 0;
