namespace MlNode.Simulator.Hosting;

/// <summary>
/// The entry point used when the simulator is loaded into another process (the Cake runner) through its own
/// assembly load context: only framework types cross the boundary, so the host needs no reference to this assembly.
/// </summary>
public static class EmbeddedEntry
{
    /// <summary>Starts a simulator from command-line style options.</summary>
    /// <returns>The base URL and a handle that stops the simulator when disposed.</returns>
    /// <exception cref="FormatException">An option is invalid.</exception>
    public static Tuple<string, IAsyncDisposable> Start(string[] args)
    {
        if (Fleet.FleetOptions.IsFleet(args))
        {
            var fleet = Fleet.SimulatedFleet.StartAsync(Fleet.FleetOptions.Parse(args)).GetAwaiter().GetResult();
            return Tuple.Create(fleet.AdminUrl, (IAsyncDisposable)fleet);
        }

        var options = SimulatorOptions.Parse(args);
        var simulator = MlNodeSimulator.StartAsync(options).GetAwaiter().GetResult();
        return Tuple.Create(simulator.BaseUrl, (IAsyncDisposable)simulator);
    }

    /// <summary>The option help, one line per option.</summary>
    public static string[] Help() => SimulatorOptions.Help.Concat(Fleet.FleetOptions.Help).Select(h => $"  {h.Name,-34} {h.Help}").ToArray();
}
