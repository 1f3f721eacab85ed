using MlNode.Simulator;

// Standalone: `dotnet run --project src/MlNode.Simulator -- --port=8080 [--fault=...]`, for dry runs of a pipeline.
if (args.Contains("--help") || args.Contains("-h"))
{
    Console.WriteLine("MLNode simulator: a faithful MLNode HTTP API (mlnode-api.md) with fault injection.");
    Console.WriteLine("usage: dotnet run --project src/MlNode.Simulator -- [options]");
    foreach (var (name, help) in SimulatorOptions.Help)
    {
        Console.WriteLine($"  {name,-34} {help}");
    }

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
Console.WriteLine($"MLNode simulator listening on {simulator.BaseUrl} (gpus={options.Gpus}, rate={options.Rate} n/s per replica, faults: {(options.Faults.Count == 0 ? "none" : string.Join(", ", options.Faults))})");
Console.WriteLine("Observe it under /_sim/requests and /_sim/truth. Ctrl-C stops it.");
using var stop = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    stop.Cancel();
};
using var term = System.Runtime.InteropServices.PosixSignalRegistration.Create(System.Runtime.InteropServices.PosixSignal.SIGTERM, c =>
{
    c.Cancel = true;
    stop.Cancel();
});
try
{
    await Task.Delay(Timeout.Infinite, stop.Token);
}
catch (OperationCanceledException)
{
}

Console.WriteLine("MLNode simulator stopped.");
return 0;
