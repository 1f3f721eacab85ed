using MlNode.Tasks.Common;
using MlNode.Tasks.Hosting;
using MlNode.Tasks.Reports;

namespace MlNode.Tasks.Demo;

/// <summary>
/// FleetDemo's world: a simulated Network Node (Admin API and six MLNodes on loopback ports: one dishonest, one whose
/// deploy fails, one in use) and a trusted node the demo reference is baked from, into the fleet folder.
/// </summary>
internal sealed class FleetDemoEnvironment : IAsyncDisposable
{
    /// <summary>The simulated fleet: node2 is dishonest, node4's deploy fails, node5 is in use.</summary>
    public static readonly IReadOnlyList<string> FleetOptions =
    [
        "--fleet=6", "--port=0", "--download-seconds=2", "--deploy-seconds=2", "--rate=40",
        "--fleet-fault=2:dishonest:0.25", "--fleet-fault=4:deploy-fails", "--fleet-in-use=5",
        "--fleet-model-args=[\"--max-model-len\",\"8192\"]",
    ];

    /// <summary>The FleetDemo: six nodes, one dishonest, one whose deploy fails, one in use.</summary>
    public static FleetDemoSpec FleetDemo { get; } = new(FleetOptions, [], $"6 MLNodes serving {DemoEnvironment.Model}: node2 dishonest, node4's deploy fails, node5 in use", "fleet_demo");

    private readonly EmbeddedSimulator _trusted;
    private readonly EmbeddedSimulator _fleet;

    private FleetDemoEnvironment(EmbeddedSimulator trusted, EmbeddedSimulator fleet, string directory, string references)
    {
        _trusted = trusted;
        _fleet = fleet;
        Directory = directory;
        ReferencesDirectory = references;
    }

    /// <summary>Gets the simulated Admin API's URL.</summary>
    public string AdminUrl => _fleet.BaseUrl;

    /// <summary>Gets the fleet folder (claimed).</summary>
    public string Directory { get; }

    /// <summary>Gets the folder the demo reference was baked into.</summary>
    public string ReferencesDirectory { get; }

    /// <summary>The arguments the fleet run uses: the Admin API, the reference folder and demo-sized waits.</summary>
    public IReadOnlyDictionary<string, string> Arguments => new Dictionary<string, string>
    {
        ["admin-api"] = AdminUrl,
        ["references-path"] = ReferencesDirectory,
    };

    /// <summary>Starts the trusted node and the fleet, claims the fleet folder and bakes the reference into it.</summary>
    public static Task<FleetDemoEnvironment> StartAsync(string simulatorAssembly, string experimentsRoot, IRunLog log, TimeProvider time, CancellationToken interrupt) =>
        StartAsync(simulatorAssembly, experimentsRoot, log, time, interrupt, FleetDemo);

    /// <summary>
    /// Starts a simulated Network Node and a trusted node, claims the demo's folder and bakes the model's golden
    /// reference into it from the trusted node: the one set-up of every demo on a simulated fleet.
    /// </summary>
    public static async Task<FleetDemoEnvironment> StartAsync(string simulatorAssembly, string experimentsRoot, IRunLog log, TimeProvider time, CancellationToken interrupt, FleetDemoSpec spec)
    {
        ArgumentNullException.ThrowIfNull(log);
        ArgumentNullException.ThrowIfNull(spec);
        var trusted = EmbeddedSimulator.Start(simulatorAssembly, ["--port=0", $"--running={DemoEnvironment.Model}", "--running-tp=4", "--seed=7", .. spec.TrustedOptions]);
        EmbeddedSimulator? fleet = null;
        try
        {
            fleet = EmbeddedSimulator.Start(simulatorAssembly, spec.FleetOptions);
            log.Line($"[demo] simulated Network Node (Admin API): {fleet.BaseUrl}, {spec.Description}");
            var now = time.GetLocalNow();
            var directory = ExperimentDirectory.Claim(new Configuration.ExperimentPlan(null, experimentsRoot, spec.FolderName), now, log.Warning);
            var references = Path.Combine(directory, "references");
            System.IO.Directory.CreateDirectory(references);
            await DemoEnvironment.BakeAsync(trusted.BaseUrl, Path.Combine(references, Common.ModelId.Parse(DemoEnvironment.Model).ReferenceFileName), log, time, interrupt, now).ConfigureAwait(false);
            return new FleetDemoEnvironment(trusted, fleet, directory, references);
        }
        catch
        {
            await trusted.DisposeAsync().ConfigureAwait(false);
            if (fleet is not null)
            {
                await fleet.DisposeAsync().ConfigureAwait(false);
            }

            throw;
        }
    }

    /// <summary>The closing lines of the demo.</summary>
    public static IEnumerable<string> Epilogue()
    {
        yield return "[demo] a simulated Network Node's six MLNodes, validated at once: node2 FAILs the fraud test, node4's deploy fails, node5 is REFUSED (in use), the rest PASS; exit code 2.";
        yield return "[demo] on a real fleet: ./build.sh --target=Fleet --admin-api=http://<network-node>:9200 (or --nodes=node-config.json)";
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _fleet.DisposeAsync().ConfigureAwait(false);
        await _trusted.DisposeAsync().ConfigureAwait(false);
    }
}
