using System.Globalization;
using MlNode.Tasks.Baking;
using MlNode.Tasks.Client;
using MlNode.Tasks.Common;
using MlNode.Tasks.Configuration;
using MlNode.Tasks.Hosting;
using MlNode.Tasks.Phases;
using MlNode.Tasks.PoC;
using MlNode.Tasks.References;

namespace MlNode.Tasks.Demo;

/// <summary>
/// The Demo target's world: two embedded simulators on loopback ports. A trusted node that already serves the
/// demo model bakes a golden reference into the run's experiment folder; the node under test (cold: nothing
/// cached, vLLM down, optionally faulty) then goes through the full pipeline with demo-sized waits.
/// </summary>
internal sealed class DemoEnvironment : IAsyncDisposable
{
    /// <summary>The simulated model (clearly not a real HuggingFace model).</summary>
    public const string Model = "MlNodeSim/Demo-PoC-0.1B";

    /// <summary>The deploy args recorded in the demo reference: tp=4 on 8 simulated GPUs gives 2 replicas.</summary>
    public static readonly IReadOnlyList<string> DeployArgs = ["--tensor-parallel-size", "4", "--max-model-len", "4096"];

    private static readonly Dictionary<string, string[]> FaultOptions = new(StringComparer.OrdinalIgnoreCase)
    {
        ["none"] = [],
        ["dishonest"] = ["--fault=dishonest:0.25"],
        ["slow-replica"] = ["--fault=slow-replica:0.3"],
        ["deploy-fails"] = ["--fault=deploy-fails"],
        ["mismatches"] = ["--fault=dishonest:5"],
    };

    private readonly EmbeddedSimulator _trusted;
    private readonly EmbeddedSimulator _node;

    private DemoEnvironment(EmbeddedSimulator trusted, EmbeddedSimulator node, string experimentDirectory, string referencePath, string fault)
    {
        _trusted = trusted;
        _node = node;
        ExperimentDirectory = experimentDirectory;
        ReferencePath = referencePath;
        Fault = fault;
    }

    /// <summary>Gets the node under test's URL.</summary>
    public string NodeUrl => _node.BaseUrl;

    /// <summary>Gets the trusted node's URL.</summary>
    public string TrustedUrl => _trusted.BaseUrl;

    /// <summary>Gets the run's experiment folder (already claimed).</summary>
    public string ExperimentDirectory { get; }

    /// <summary>Gets the baked reference.</summary>
    public string ReferencePath { get; }

    /// <summary>Gets the injected fault.</summary>
    public string Fault { get; }

    /// <summary>
    /// The node name a demo run's report and metrics carry: its embedded node listens on a new loopback port every
    /// time, which would add a new value to a dashboard's node list with every demo pushed.
    /// </summary>
    public const string NodeName = "mlnode-demo";

    /// <summary>The arguments the demo run uses: its node (under <see cref="NodeName"/>), model and reference, and demo-sized waits.</summary>
    public IReadOnlyDictionary<string, string> Arguments => new Dictionary<string, string>
    {
        ["mlnode-url"] = NodeUrl,
        ["fleet-node"] = NodeName,
        ["model"] = Model,
        ["reference"] = ReferencePath,
        ["exp-dir"] = ExperimentDirectory,
    };

    /// <summary>Waits sized for a demo; each applies only where the caller did not choose a value.</summary>
    public static IReadOnlyDictionary<string, string> Waits { get; } = new Dictionary<string, string>
    {
        ["warmup-seconds"] = "1",
        ["measure-seconds"] = "3",
        ["sample-interval"] = "1",
        ["progress-interval"] = "1",
        ["poll-interval-max"] = "0.5",
        ["init-retry-delay"] = "0.5",
        ["stop-timeout"] = "10",
    };

    /// <summary>Starts both simulators, claims the experiment folder and bakes the reference into it.</summary>
    /// <exception cref="InputException">Unknown fault, or the simulator is not built.</exception>
    public static async Task<DemoEnvironment> StartAsync(string simulatorAssembly, string fault, string experimentsRoot, IRunLog log, TimeProvider time, CancellationToken interrupt)
    {
        ArgumentNullException.ThrowIfNull(log);
        if (!FaultOptions.TryGetValue(fault, out var faultOptions))
        {
            throw new InputException($"--demo-fault={fault} is not a demo fault; use one of {string.Join(", ", FaultOptions.Keys)}");
        }

        var trusted = EmbeddedSimulator.Start(simulatorAssembly, ["--port=0", $"--running={Model}", "--running-tp=4", "--seed=7"]);
        EmbeddedSimulator? node = null;
        try
        {
            node = EmbeddedSimulator.Start(simulatorAssembly, ["--port=0", "--download-seconds=2", "--deploy-seconds=2", "--rate=40", "--seed=11", .. faultOptions]);
            log.Line($"[demo] trusted node (already serving {Model}): {trusted.BaseUrl}");
            log.Line($"[demo] node under test (cold{(fault == "none" ? string.Empty : ", fault: " + fault)}): {node.BaseUrl}");
            var now = time.GetLocalNow();
            var directory = Reports.ExperimentDirectory.Claim(new ExperimentPlan(null, experimentsRoot, "mlnode_demo_" + fault.Replace('-', '_')), now, log.Warning);
            var referencePath = Path.Combine(directory, "demo_reference.json");
            await BakeAsync(trusted.BaseUrl, referencePath, log, time, interrupt, now).ConfigureAwait(false);
            return new DemoEnvironment(trusted, node, directory, referencePath, fault);
        }
        catch
        {
            await trusted.DisposeAsync().ConfigureAwait(false);
            if (node is not null)
            {
                await node.DisposeAsync().ConfigureAwait(false);
            }

            throw;
        }
    }

    /// <summary>The closing lines of the demo.</summary>
    public IEnumerable<string> Epilogue()
    {
        yield return $"[demo] validated the embedded node at {NodeUrl} against a reference baked from a second, trusted embedded node.";
        yield return "[demo] see a faulty node: ./build.sh --target=Demo --demo-fault=<dishonest|mismatches|slow-replica|deploy-fails>";
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _node.DisposeAsync().ConfigureAwait(false);
        await _trusted.DisposeAsync().ConfigureAwait(false);
    }

    /// <summary>Bakes the demo model's 32-vector reference from a trusted embedded node into a new file.</summary>
    internal static async Task BakeAsync(string trustedUrl, string referencePath, IRunLog log, TimeProvider time, CancellationToken interrupt, DateTimeOffset now)
    {
        var redactor = new SecretRedactor();
        var node = NodeEndpoint.Parse(trustedUrl, null, redactor);
        var timing = DemoTiming();
        var settings = new BakeSettings
        {
            Target = new NodeSettings(node, ModelId.Parse(Model), new DeployConfig(new Resolved<string>("auto", ValueSource.Demo), DeployArgs, DeployArgs, []),
                timing, Path.GetDirectoryName(referencePath)!),
            Poc = new PocParameters(1024, 12, "TEST_BLOCK", 100, "test_pub_keys", 0, 1),
            NumNonces = 32,
            BatchSize = null,
            DistThreshold = 0.2,
            Source = $"baked by the Demo target from the embedded MLNode simulator at {now.ToString("yyyy-MM-ddTHH:mm:ssK", CultureInfo.InvariantCulture)} (simulated vectors, not a real model)",
            Timeout = TimeSpan.FromSeconds(60),
            Verify = true,
            Force = false,
            OutPath = referencePath,
            OutIsDefaultLookup = false,
            Phases = new Dictionary<Phase, PhaseDecision>(),
        };
        var pipelines = new ResiliencePipelines(TimeSpan.FromSeconds(10), 3, TimeSpan.FromSeconds(0.5), log.Line);
        using var client = new MlNodeClient(node, pipelines, redactor);
        var context = new PhaseContext(client, settings.Target, log, time, interrupt);
        // Named from the experiments root down, so it reads as the run's own file, not one of the repository's references/.
        var experimentsRoot = Path.GetDirectoryName(Path.GetDirectoryName(referencePath)!)!;
        var shown = Path.GetFileName(Path.GetDirectoryName(referencePath)) == "references" ? Path.GetDirectoryName(experimentsRoot)! : experimentsRoot;
        log.Line($"[demo] baking a 32-vector golden reference from the trusted node into {Path.GetRelativePath(shown, referencePath)} (under the experiments root)");
        var reference = await ReferenceBaker.BakeAsync(context, settings, now).ConfigureAwait(false);
        AtomicFile.CreateNew(referencePath, ReferenceWriter.ToJson(reference));
        log.Line(string.Empty);
    }

    private static TimingSettings DemoTiming()
    {
        Resolved<TimeSpan> S(double seconds) => new(TimeSpan.FromSeconds(seconds), ValueSource.Demo);
        return new TimingSettings(S(60), S(60), S(60), S(0.1), S(0.5), S(1), S(10), new Resolved<int>(3, ValueSource.Demo), S(0.5), S(10));
    }
}
