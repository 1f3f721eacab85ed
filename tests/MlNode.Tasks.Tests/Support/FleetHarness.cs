using MlNode.Simulator.Fleet;
using MlNode.Tasks.Common;
using MlNode.Tasks.Configuration;
using MlNode.Tasks.CrossCheck;
using MlNode.Tasks.Engine;
using MlNode.Tasks.Fleet;
using MlNode.Tasks.Running;

namespace MlNode.Tasks.Tests.Support;

/// <summary>
/// A simulated Network Node (Admin API and MLNodes on ephemeral loopback ports, fast timings) and a repository root
/// with an honest reference for the test model; runs fleet validations against it. Owns its fleet.
/// </summary>
internal sealed class FleetHarness : IAsyncDisposable
{
    private FleetHarness(SimulatedFleet fleet, TempDirectory root)
    {
        Fleet = fleet;
        Root = root;
        TestReferences.Write(Root.Combine("references"), TestReferences.Document());
    }

    public SimulatedFleet Fleet { get; }

    public TempDirectory Root { get; }

    /// <summary>Gets or sets the environment the fleet run sees (MLNODE_AUTHORIZATION and the like), or null.</summary>
    public IReadOnlyDictionary<string, string>? Environment { get; set; }

    /// <summary>Starts a fleet of fast nodes serving the test model; <paramref name="options"/> add fleet options.</summary>
    public static async Task<FleetHarness> StartAsync(params string[] options)
    {
        string[] fast = ["--download-seconds=0.2", "--deploy-seconds=0.2", "--stop-seconds=0.1", "--rate=50", "--port=0", $"--fleet-model={TestReferences.Model}"];
        var fleet = await SimulatedFleet.StartAsync(FleetOptions.Parse([.. fast, .. options]));
        return new FleetHarness(fleet, new TempDirectory());
    }

    /// <summary>The sources of a fleet run: the Admin API (unless --nodes is given), fast timings, then the given arguments.</summary>
    public SettingsSources Sources(params (string Name, string Value)[] arguments)
    {
        var all = new List<KeyValuePair<string, string>>();
        if (!arguments.Any(a => a.Name is "nodes" or "admin-api" or "mlnode-urls"))
        {
            all.Add(new("admin-api", Fleet.AdminUrl));
        }

        all.AddRange(RunHarness.FastArguments.Where(a => !arguments.Any(x => x.Name == a.Key)));
        all.AddRange(arguments.Select(a => new KeyValuePair<string, string>(a.Name, a.Value)));
        return SettingsSources.From(all, Root.Path, Environment);
    }

    /// <summary>Runs the fleet the way the Fleet target does and returns the run and everything it printed.</summary>
    public Task<(FleetRun Run, string Console)> RunAsync(CancellationToken interrupt = default, params (string Name, string Value)[] arguments) =>
        RunTargetAsync(
            arguments,
            (sources, redactor) => FleetSettingsResolver.Resolve(sources, redactor),
            (settings, sources, engine, log) => FleetValidation.RunAsync(settings, sources, engine, log, TimeProvider.System, interrupt),
            run => run.Directory,
            interrupt);

    public Task<(FleetRun Run, string Console)> RunAsync(params (string Name, string Value)[] arguments) => RunAsync(default, arguments);

    /// <summary>Runs CrossCheck over the simulated fleet in-process, with every file checked against its schema.</summary>
    public Task<(CrossCheckRun Run, string Console)> CrossCheckAsync(CancellationToken interrupt = default, params (string Name, string Value)[] arguments) =>
        RunTargetAsync(
            arguments,
            CrossCheckSettingsResolver.Resolve,
            (settings, sources, engine, log) => CrossCheckRunner.RunAsync(settings, sources, engine, log, TimeProvider.System, interrupt),
            run => run.Directory,
            interrupt);

    public Task<(CrossCheckRun Run, string Console)> CrossCheckAsync(params (string Name, string Value)[] arguments) => CrossCheckAsync(default, arguments);

    // A multi-node target in-process over the simulated fleet, its console captured and every file it wrote checked.
    private async Task<(TRun Run, string Console)> RunTargetAsync<TSettings, TRun>(
        (string Name, string Value)[] arguments,
        Func<SettingsSources, SecretRedactor, TSettings> resolve,
        Func<TSettings, SettingsSources, PipelineEngine, IRunLog, Task<TRun>> run,
        Func<TRun, string> directory,
        CancellationToken interrupt)
    {
        var sources = Sources(arguments);
        var redactor = new SecretRedactor();
        var settings = resolve(sources, redactor);
        var console = new StringWriter();
        var log = new TextRunLog(TextWriter.Synchronized(console), redactor);
        var result = await run(settings, sources, new PipelineEngine(log, redactor, TimeProvider.System, interrupt), log);
        SchemaAssert.AllValid(directory(result));
        JUnitAssert.AllValid(directory(result));
        return (result, console.ToString());
    }

    /// <summary>The requests node <paramref name="number"/> (1-based) received on the MLNode API.</summary>
    public IReadOnlyList<string> Requests(int number) =>
        Fleet.Nodes[number - 1].Journal.Requests.Where(r => r.Path.StartsWith("/api/", StringComparison.Ordinal)).Select(r => $"{r.Method} {r.Path}").ToList();

    public async ValueTask DisposeAsync()
    {
        await Fleet.DisposeAsync();
        Root.Dispose();
    }
}
