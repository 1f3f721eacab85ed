namespace MlNode.Tasks.Fleet;

/// <summary>One pair's line of the fleet report.</summary>
internal sealed record FleetRow
{
    /// <summary>Gets the node id.</summary>
    public required string NodeId { get; init; }

    /// <summary>Gets the MLNode URL, without secrets.</summary>
    public required string MlNodeUrl { get; init; }

    /// <summary>Gets the model.</summary>
    public required string Model { get; init; }

    /// <summary>Gets how it ended.</summary>
    public required FleetStatus Status { get; init; }

    /// <summary>Gets the pair's own exit code.</summary>
    public required int ExitCode { get; init; }

    /// <summary>Gets the run's verdict text, or null when it never ran.</summary>
    public string? Verdict { get; init; }

    /// <summary>Gets the run's judgement, or null when it never ran (refused, or stopped before its run began).</summary>
    public Judging.Judgement? Judgement { get; init; }

    /// <summary>Gets the throughput, nonces/s.</summary>
    public double? Throughput { get; init; }

    /// <summary>Gets the mismatching nonces.</summary>
    public int? NMismatch { get; init; }

    /// <summary>Gets the validated nonces.</summary>
    public int? NTotal { get; init; }

    /// <summary>Gets the fraud test's p-value.</summary>
    public double? PValue { get; init; }

    /// <summary>Gets the wall time, seconds.</summary>
    public double? DurationSeconds { get; init; }

    /// <summary>Gets the gate line, when gates were asked for.</summary>
    public string? Gate { get; init; }

    /// <summary>Gets why it was refused.</summary>
    public string? RefusalReason { get; init; }

    /// <summary>Gets the one-line error.</summary>
    public string? Error { get; init; }

    /// <summary>Gets the args the model is deployed with (they replace the reference's).</summary>
    public IReadOnlyList<string> NodeArgs { get; init; } = [];

    /// <summary>Gets where <see cref="NodeArgs"/> come from (launch plan, node config, or a fallback), or null when unknown.</summary>
    public string? NodeArgsFrom { get; init; }

    /// <summary>Gets the node's software as its run recorded it (MLNode and PoC plugin versions), or null when no run asked.</summary>
    public string? NodeSoftware { get; init; }

    /// <summary>Gets the experiment folder, relative to the fleet folder, or null when none was made.</summary>
    public string? ExperimentDirectory { get; init; }

    /// <summary>Gets whether a passing pair's gate failed.</summary>
    public bool GateFailed => Judgement?.GateFailed == true;

    /// <summary>
    /// Gets the status as every sink shows it (console table, text file, page, job summary, live log): the judgement's
    /// label (<c>PASS, gate FAILED</c> for a pair whose validation passed and whose throughput gate did not), or the
    /// status of a pair that never ran.
    /// </summary>
    public string Label => Judgement?.Label ?? StatusText;

    /// <summary>
    /// Gets what a reader needs next to the status: why it was refused, the judgement's cause in brief (the counts and
    /// the pattern, the node's own error text, the failed gate), its error, or its folder.
    /// </summary>
    public string? Detail => RefusalReason ?? (Judgement is { Cause: not null } judged ? judged.Brief : null) ?? Error ?? ExperimentDirectory;

    /// <summary>Gets why the pair was refused or failed, or null when it ran to a verdict.</summary>
    public string? Reason => RefusalReason ?? Error;

    /// <summary>Gets the status word: PASS, FAIL, ERROR, REFUSED.</summary>
    public string StatusText => Status.ToString().ToUpperInvariant();

    /// <summary>A row for a pair that never ran.</summary>
    /// <param name="pair">The pair.</param>
    /// <param name="url">Its MLNode URL as shown (credentials masked).</param>
    /// <param name="status">Refused or error.</param>
    /// <param name="reason">Why it did not run.</param>
    /// <param name="exitCode">Its exit code.</param>
    public static FleetRow NotRun(FleetPair pair, string url, FleetStatus status, string reason, int exitCode) => new()
    {
        NodeId = pair.Node.Id,
        MlNodeUrl = url,
        Model = pair.Model,
        Status = status,
        ExitCode = exitCode,
        RefusalReason = status == FleetStatus.Refused ? reason : null,
        Error = status == FleetStatus.Refused ? null : reason,
        NodeArgs = pair.NodeArgs,
        NodeArgsFrom = pair.ArgsFrom,
    };
}
