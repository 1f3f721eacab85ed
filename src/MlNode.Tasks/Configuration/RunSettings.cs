using MlNode.Tasks.Common;
using MlNode.Tasks.PoC;
using MlNode.Tasks.References;

namespace MlNode.Tasks.Configuration;

/// <summary>
/// Everything one validation run needs, resolved once from the arguments, cake.config, the environment and
/// the golden reference's header, with each value's provenance. Immutable: the phases only read it.
/// </summary>
internal sealed record RunSettings
{
    /// <summary>Gets the node under test.</summary>
    public required NodeEndpoint Node { get; init; }

    /// <summary>Gets the model under test.</summary>
    public required ModelId Model { get; init; }

    /// <summary>Gets the golden reference's header: its file, hash and what it records; the runner loads its artifacts.</summary>
    public required ReferenceHeader Reference { get; init; }

    /// <summary>Gets whether the reference came from <c>--reference</c> (else the model-based lookup).</summary>
    public required ValueSource ReferenceSource { get; init; }

    /// <summary>Gets the stat test triple with provenance per key.</summary>
    public required StatTestSettings StatTest { get; init; }

    /// <summary>Gets the deploy config.</summary>
    public required DeployConfig Deploy { get; init; }

    /// <summary>Gets the batch sizes.</summary>
    public required BatchSettings Batches { get; init; }

    /// <summary>Gets the throughput sampling.</summary>
    public required SamplingSettings Sampling { get; init; }

    /// <summary>Gets timeouts, polling and retry settings.</summary>
    public required TimingSettings Timing { get; init; }

    /// <summary>Gets which phases run.</summary>
    public required IReadOnlyDictionary<Phase, PhaseDecision> Phases { get; init; }

    /// <summary>Gets where the experiment folder goes.</summary>
    public required ExperimentPlan Experiment { get; init; }

    /// <summary>Gets the console format.</summary>
    public required OutputFormat Output { get; init; }

    /// <summary>Gets whether the node's verdict is checked against its own vectors (--verify-vectors=auto).</summary>
    public bool VerifyVectors { get; init; } = true;

    /// <summary>Gets every setting read, with its source.</summary>
    public required IReadOnlyList<SettingRecord> Provenance { get; init; }

    /// <summary>Gets the raw arguments as given (with secrets masked), for reproducing the run.</summary>
    public required IReadOnlyDictionary<string, IReadOnlyList<string>> RawArguments { get; init; }

    /// <summary>Gets the Prometheus Pushgateway the run's metrics go to (--pushgateway), or null.</summary>
    public NodeEndpoint? Pushgateway { get; init; }

    /// <summary>Gets the node's id in its fleet (--fleet-node), or null.</summary>
    public string? FleetNode { get; init; }

    /// <summary>Gets the throughput gates asked for (none by default).</summary>
    public GateSettings Gates { get; init; } = GateSettings.None;

    /// <summary>Gets the repository root (for showing paths relative to it).</summary>
    public required string RepositoryRoot { get; init; }

    /// <summary>Gets what the download and deploy phases need: the node, the model, the deploy config and the timing.</summary>
    public NodeSettings Target => new(Node, Model, Deploy, Timing, RepositoryRoot);
}

/// <summary>The node-facing part of a job, shared by validation runs and BakeReference.</summary>
/// <param name="Node">The node.</param>
/// <param name="Model">The model.</param>
/// <param name="Deploy">The deploy config.</param>
/// <param name="Timing">Timeouts, polling and retries.</param>
/// <param name="RepositoryRoot">The repository root.</param>
internal sealed record NodeSettings(NodeEndpoint Node, ModelId Model, DeployConfig Deploy, TimingSettings Timing, string RepositoryRoot);

/// <summary>The stat test triple, each key resolved server-default → reference → cli.</summary>
/// <param name="DistThreshold">dist_threshold.</param>
/// <param name="PMismatch">p_mismatch.</param>
/// <param name="FraudThreshold">fraud_threshold.</param>
internal sealed record StatTestSettings(Resolved<double> DistThreshold, Resolved<double> PMismatch, Resolved<double> FraudThreshold)
{
    /// <summary>Gets the values as sent to the node.</summary>
    public StatTestParameters Parameters => new(DistThreshold.Value, PMismatch.Value, FraudThreshold.Value);

    /// <summary>Resolves the triple: the server default is the floor, the reference overrides it, the CLI overrides both.</summary>
    public static StatTestSettings Resolve(ReferenceHeader reference, double? cliThreshold, double? cliPMismatch, double? cliFraudThreshold)
    {
        ArgumentNullException.ThrowIfNull(reference);
        var defaults = StatTestParameters.Defaults(reference.Scheme);
        return new StatTestSettings(
            Pick(defaults.DistThreshold, reference.DistThreshold, cliThreshold),
            Pick(defaults.PMismatch, reference.PMismatch, cliPMismatch),
            Pick(defaults.FraudThreshold, reference.FraudThreshold, cliFraudThreshold));
    }

    private static Resolved<double> Pick(double serverDefault, double? fromReference, double? fromCli) =>
        fromCli is not null ? new(fromCli.Value, ValueSource.Cli)
        : fromReference is not null ? new(fromReference.Value, ValueSource.Reference)
        : new(serverDefault, ValueSource.ServerDefault);
}

/// <summary>The deploy request: dtype and the effective vLLM args, with where their baseline came from.</summary>
/// <param name="Dtype">vLLM dtype.</param>
/// <param name="ReferenceArgs">The reference's own args: how its vectors were recorded (shown for information).</param>
/// <param name="AdditionalArgs">The effective args: the baseline + --tp-size/--max-model-len add-or-update + --extra-arg.</param>
/// <param name="Overrides">Which CLI overrides shaped the args (e.g. "--tp-size=4"), for the report.</param>
internal sealed record DeployConfig(Resolved<string> Dtype, IReadOnlyList<string> ReferenceArgs, IReadOnlyList<string> AdditionalArgs, IReadOnlyList<string> Overrides)
{
    /// <summary>Gets the args the overrides were applied to and where they came from (the reference's unless a node config was given).</summary>
    public Deployment.DeployBaseline Baseline { get; init; } = Deployment.DeployBaseline.FromReference(ReferenceArgs);

    /// <summary>
    /// Gets why a vLLM that is already running is taken down and deployed with these args (--redeploy, --node-config,
    /// --all-references over several deploy configs), or null to leave it alone (and say the args were not applied).
    /// </summary>
    public string? RedeployReason { get; init; }

    /// <summary>Gets what makes two deploys the same: the dtype and the effective args, in order.</summary>
    public string Identity => $"{Dtype.Value}\n{string.Join('\u001f', AdditionalArgs)}";

    /// <summary>Gets the node's own args when they are the baseline (node config, launch plan, --node-arg), else empty.</summary>
    public IReadOnlyList<string> NodeArgs => Baseline.IsReference ? [] : Baseline.Args;
}

/// <summary>Batch sizes for the two PoC calls.</summary>
/// <param name="Throughput">batch_size for init/generate, or null to let the node use its per-GPU default.</param>
/// <param name="Validation">batch_size for the validation generate call, or null to let the node use its default.</param>
/// <param name="ValidationReason">Why the validation batch is what it is.</param>
internal sealed record BatchSettings(Resolved<int>? Throughput, Resolved<int>? Validation, string ValidationReason)
{
    /// <summary>How reports show a batch size that is not sent.</summary>
    public const string NodeDefault = "unset (node default)";
}

/// <summary>Throughput sampling.</summary>
/// <param name="WarmupSeconds">Generation time before sampling.</param>
/// <param name="MeasureSeconds">Measurement window.</param>
/// <param name="SampleInterval">Seconds between samples.</param>
internal sealed record SamplingSettings(Resolved<TimeSpan> WarmupSeconds, Resolved<TimeSpan> MeasureSeconds, Resolved<TimeSpan> SampleInterval);

/// <summary>Timeouts, polling cadence and retry budgets.</summary>
/// <param name="DownloadTimeout">Download phase deadline.</param>
/// <param name="DeployTimeout">Deploy phase deadline.</param>
/// <param name="ValidationTimeout">Validation call deadline.</param>
/// <param name="PollIntervalMin">Polling floor.</param>
/// <param name="PollIntervalMax">Polling ceiling.</param>
/// <param name="ProgressInterval">Seconds between progress lines.</param>
/// <param name="RequestTimeout">Per-request timeout of status and control calls.</param>
/// <param name="InitRetries">Retries of init/generate on 503.</param>
/// <param name="InitRetryDelay">Delay between those retries.</param>
/// <param name="StopTimeout">How long to wait for generation to stop.</param>
internal sealed record TimingSettings(
    Resolved<TimeSpan> DownloadTimeout,
    Resolved<TimeSpan> DeployTimeout,
    Resolved<TimeSpan> ValidationTimeout,
    Resolved<TimeSpan> PollIntervalMin,
    Resolved<TimeSpan> PollIntervalMax,
    Resolved<TimeSpan> ProgressInterval,
    Resolved<TimeSpan> RequestTimeout,
    Resolved<int> InitRetries,
    Resolved<TimeSpan> InitRetryDelay,
    Resolved<TimeSpan> StopTimeout);

/// <summary>Where the experiment folder goes: an explicit folder, or root + name + timestamp.</summary>
/// <param name="ExplicitDirectory">From --exp-dir, absolute, or null.</param>
/// <param name="Root">The experiments root, absolute.</param>
/// <param name="Name">The folder name prefix.</param>
/// <param name="PreClaimed">True when <paramref name="ExplicitDirectory"/> was already claimed for this run (the Demo bakes into it first).</param>
internal sealed record ExperimentPlan(string? ExplicitDirectory, string Root, string Name, bool PreClaimed = false);

/// <summary>The console format.</summary>
internal enum OutputFormat
{
    /// <summary>Human-readable progress and summary on stdout.</summary>
    Text,

    /// <summary>Only the final report JSON on stdout; everything else on stderr.</summary>
    Json,
}
