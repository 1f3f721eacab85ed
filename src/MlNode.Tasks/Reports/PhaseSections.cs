using Newtonsoft.Json.Linq;

namespace MlNode.Tasks.Reports;

/// <summary>What the download phase did (report field <c>download</c>).</summary>
internal sealed class DownloadSection
{
    /// <summary>Gets or sets already_downloaded, verified or downloaded.</summary>
    public string? Action { get; set; }

    /// <summary>Gets or sets the seconds the phase waited.</summary>
    public double ElapsedSeconds { get; set; }

    /// <summary>Gets or sets the last /models/status reply.</summary>
    public JObject? LastStatus { get; set; }

    /// <summary>Gets or sets how many status polls were made.</summary>
    public int Polls { get; set; }
}

/// <summary>What the deploy phase did (report field <c>deploy</c>).</summary>
internal sealed class DeploySection
{
    /// <summary>Gets or sets deployed, already_running or skipped.</summary>
    public string? Action { get; set; }

    /// <summary>Gets or sets the seconds the phase waited.</summary>
    public double ElapsedSeconds { get; set; }

    /// <summary>Gets or sets whether the deploy config was applied to the running vLLM.</summary>
    public bool Applied { get; set; }

    /// <summary>Gets or sets the dtype sent (or that would have been sent).</summary>
    public string? Dtype { get; set; }

    /// <summary>Gets or sets the additional_args sent (or that would have been sent).</summary>
    public IReadOnlyList<string> AdditionalArgs { get; set; } = [];

    /// <summary>Gets or sets the last /inference/up/status reply.</summary>
    public JObject? Status { get; set; }

    /// <summary>Gets or sets how many status polls were made.</summary>
    public int Polls { get; set; }

    /// <summary>Gets or sets, when deploy did not run, whether vLLM was verified to be running before use.</summary>
    public bool? VerifiedRunning { get; set; }
}

/// <summary>One /pow/status sample.</summary>
/// <param name="ElapsedSeconds">Seconds since the measurement window opened.</param>
/// <param name="AggregateStatus">The aggregate status.</param>
/// <param name="Ports">The replicas' ports, in reply order.</param>
/// <param name="PerBackendNoncesPerSecond">Each replica's reported rate.</param>
/// <param name="PerBackendTotalProcessed">Each replica's exact counter.</param>
/// <param name="PerBackendStatus">Each replica's status.</param>
/// <param name="PerBackendDetail">Each replica's detail (why it is in ERROR), when known.</param>
internal sealed record ThroughputSample(
    double ElapsedSeconds,
    string AggregateStatus,
    IReadOnlyList<int?> Ports,
    IReadOnlyList<double> PerBackendNoncesPerSecond,
    IReadOnlyList<long> PerBackendTotalProcessed,
    IReadOnlyList<string> PerBackendStatus,
    IReadOnlyList<string?>? PerBackendDetail = null)
{
    /// <summary>The sample reduced to some replicas (the ones measured), in this sample's order.</summary>
    /// <param name="ports">The replicas to keep.</param>
    public ThroughputSample Only(IReadOnlyCollection<int?> ports)
    {
        ArgumentNullException.ThrowIfNull(ports);
        var keep = Enumerable.Range(0, BackendCount).Where(i => ports.Contains(Ports[i])).ToList();
        return new ThroughputSample(
            ElapsedSeconds,
            AggregateStatus,
            [.. keep.Select(i => Ports[i])],
            [.. keep.Select(i => PerBackendNoncesPerSecond[i])],
            [.. keep.Select(i => PerBackendTotalProcessed[i])],
            [.. keep.Select(i => PerBackendStatus[i])],
            [.. keep.Select(Detail)]);
    }

    /// <summary>The detail a replica reported, or null.</summary>
    public string? Detail(int index) => PerBackendDetail is { } details && index < details.Count ? details[index] : null;

    /// <summary>Gets the number of replicas in the sample.</summary>
    public int BackendCount => Ports.Count;

    /// <summary>Gets the system rate: the sum over replicas.</summary>
    public double SumNoncesPerSecond => PerBackendNoncesPerSecond.Sum();

    /// <summary>Gets the sum of the replicas' counters.</summary>
    public long SumTotalProcessed => PerBackendTotalProcessed.Sum();
}

/// <summary>One replica's figures over the measurement window.</summary>
/// <param name="Port">The replica's port.</param>
/// <param name="AverageReportedNoncesPerSecond">Mean of its reported rate over the samples.</param>
/// <param name="CounterNoncesPerSecond">Rate from its total_processed delta over the window, if available.</param>
/// <param name="LastNoncesPerSecond">Its reported rate in the last sample.</param>
internal sealed record ReplicaRate(int? Port, double AverageReportedNoncesPerSecond, double? CounterNoncesPerSecond, double LastNoncesPerSecond)
{
    /// <summary>Gets the best estimate of the replica's rate: the counter-based one when known.</summary>
    public double Rate => CounterNoncesPerSecond ?? AverageReportedNoncesPerSecond;
}

/// <summary>The throughput summary.</summary>
/// <param name="Backends">Replicas in the last sample.</param>
/// <param name="Samples">Number of samples.</param>
/// <param name="AverageSum">Mean of the summed reported rate (n/s).</param>
/// <param name="MinimumSum">Minimum summed reported rate.</param>
/// <param name="MaximumSum">Maximum summed reported rate.</param>
/// <param name="CounterRate">System rate from total_processed deltas over the window (n/s), if available.</param>
/// <param name="WindowSeconds">The window the counter rate covers.</param>
/// <param name="Replicas">Per-replica figures.</param>
/// <param name="SlowReplicas">Callouts for replicas under half the median replica.</param>
internal sealed record ThroughputSummary(
    int Backends,
    int Samples,
    double AverageSum,
    double MinimumSum,
    double MaximumSum,
    double? CounterRate,
    double WindowSeconds,
    IReadOnlyList<ReplicaRate> Replicas,
    IReadOnlyList<string> SlowReplicas);

/// <summary>What the throughput phase measured (report field <c>throughput</c>).</summary>
internal sealed class ThroughputSection
{
    /// <summary>Gets or sets the backends that accepted init/generate.</summary>
    public int? InitBackends { get; set; }

    /// <summary>Gets or sets n_groups from init/generate.</summary>
    public int? InitNGroups { get; set; }

    /// <summary>Gets or sets the per-backend errors init/generate reported.</summary>
    public IReadOnlyList<string> InitErrors { get; set; } = [];

    /// <summary>Gets the backends that were not generating when the window opened: left out of the sums, reported.</summary>
    public List<UnhealthyBackend> UnhealthyBackends { get; } = [];

    /// <summary>Gets or sets when the measurement window opened (for the live view's bar), or null.</summary>
    public DateTimeOffset? WindowOpenedAt { get; set; }

    /// <summary>Gets or sets the sample taken when the window opened (after warm-up), reduced to the measured replicas.</summary>
    public ThroughputSample? WindowStart { get; set; }

    /// <summary>Gets the samples.</summary>
    public List<ThroughputSample> Samples { get; } = [];

    /// <summary>Gets or sets the summary (null until the window completed).</summary>
    public ThroughputSummary? Summary { get; set; }

    /// <summary>Gets or sets whether generation was started on the node.</summary>
    public bool GenerationStarted { get; set; }

    /// <summary>Gets or sets whether /pow/stop was answered OK.</summary>
    public bool GenerationStopped { get; set; }

    /// <summary>Gets or sets whether every backend was seen to leave GENERATING after the stop.</summary>
    public bool StopConfirmed { get; set; }

    /// <summary>Gets or sets how long that confirmation took.</summary>
    public double? StopConfirmSeconds { get; set; }
}

/// <summary>A backend /pow/status listed as not generating when the measurement window opened.</summary>
/// <param name="Port">Its port.</param>
/// <param name="Status">What it reported (ERROR, IDLE, ...).</param>
/// <param name="Detail">Why, when the proxy says.</param>
internal sealed record UnhealthyBackend(int? Port, string Status, string? Detail);

/// <summary>What the validate phase sent and got back (report field <c>validation</c>).</summary>
internal sealed class ValidationSection
{
    /// <summary>Gets or sets how many vectors were sent.</summary>
    public int SentVectors { get; set; }

    /// <summary>Gets or sets the batch_size sent, or null when not sent.</summary>
    public int? BatchSize { get; set; }

    /// <summary>Gets or sets why that batch size.</summary>
    public string? BatchSizeReason { get; set; }

    /// <summary>Gets or sets the node's raw reply.</summary>
    public JObject? Response { get; set; }

    /// <summary>Gets or sets n_total.</summary>
    public int NTotal { get; set; }

    /// <summary>Gets or sets n_mismatch.</summary>
    public int NMismatch { get; set; }

    /// <summary>Gets or sets mismatch_nonces.</summary>
    public IReadOnlyList<long> MismatchNonces { get; set; } = [];

    /// <summary>Gets or sets p_value.</summary>
    public double PValue { get; set; }

    /// <summary>Gets or sets fraud_detected.</summary>
    public bool FraudDetected { get; set; }

    /// <summary>Gets or sets whether the reply passed the coherence checks (null until checked).</summary>
    public bool? Coherent { get; set; }

    /// <summary>Gets or sets the tool's judgement of the node's own vectors (null when not checked).</summary>
    public Verification.LocalJudgement? Local { get; set; }

    /// <summary>Gets or sets what the node's verdict contradicts in its own vectors, when it does.</summary>
    public string? Contradiction { get; set; }

    /// <summary>Gets or sets why the node's verdict was not checked against its vectors, when it was not.</summary>
    public string? UnverifiedReason { get; set; }

    /// <summary>Gets or sets what the mismatches look like and their likely cause (null without mismatches).</summary>
    public Verification.MismatchAnatomy? Anatomy { get; set; }

    /// <summary>Gets or sets the decode test recomputed from the node's per_nonce (decode references only).</summary>
    public Verification.DecodeJudgement? Decode { get; set; }

    /// <summary>Gets whether the run passed: coherent and no fraud.</summary>
    public bool Passed => Coherent == true && !FraudDetected;

    /// <summary>Gets whether there were per-nonce mismatches.</summary>
    public bool HasMismatches => NMismatch > 0;
}
