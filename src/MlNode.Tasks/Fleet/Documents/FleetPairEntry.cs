using MlNode.Tasks.Documents;

namespace MlNode.Tasks.Fleet.Documents;

/// <summary>One (node, model) pair of a fleet run.</summary>
internal sealed record FleetPairEntry
{
    /// <summary>Gets the node's id in its fleet.</summary>
    public string NodeId { get; init; } = string.Empty;

    /// <summary>Gets the MLNode URL, without secrets.</summary>
    public string MlnodeUrl { get; init; } = string.Empty;

    /// <summary>Gets the model.</summary>
    public string Model { get; init; } = string.Empty;

    /// <summary>Gets the status: PASS, FAIL, ERROR or REFUSED.</summary>
    public string Status { get; init; } = string.Empty;

    /// <summary>Gets the run's verdict (as in its validate_report.json), or null when it never ran.</summary>
    public string? Verdict { get; init; }

    /// <summary>Gets the run's one judgement (label, counts, cause, next step, gate), or null when it never ran.</summary>
    public JudgementInfo? Judgement { get; init; }

    /// <summary>Gets the pair's exit code, as a single-node run would have ended.</summary>
    public int ExitCode { get; init; }

    /// <summary>Gets the measured throughput, nonces/s summed over replicas.</summary>
    public double? ThroughputNoncesPerSecond { get; init; }

    /// <summary>Gets how many nonces mismatched.</summary>
    public int? NMismatch { get; init; }

    /// <summary>Gets how many nonces were validated.</summary>
    public int? NTotal { get; init; }

    /// <summary>Gets the fraud test's p-value.</summary>
    public double? PValue { get; init; }

    /// <summary>Gets the node's MLNode and PoC plugin versions as its run recorded them ("-": not reported), or null.</summary>
    public string? NodeSoftware { get; init; }

    /// <summary>Gets the pair's wall time in seconds.</summary>
    public double? DurationS { get; init; }

    /// <summary>Gets the gate line (<c>PASS</c> / <c>FAIL (...)</c>), when gates were asked for.</summary>
    public string? Gate { get; init; }

    /// <summary>Gets why the pair was refused.</summary>
    public string? RefusalReason { get; init; }

    /// <summary>Gets the one-line error.</summary>
    public string? Error { get; init; }

    /// <summary>Gets the vLLM args the pair was deployed with in place of the reference's (the node's launch args).</summary>
    public IReadOnlyList<string> NodeArgs { get; init; } = [];

    /// <summary>Gets where those args come from: the Network Node's launch plan, the node config, or the fallback on an older Network Node.</summary>
    public string? NodeArgsFrom { get; init; }

    /// <summary>Gets the pair's experiment folder, relative to the fleet folder.</summary>
    public string? ExperimentDir { get; init; }
}
