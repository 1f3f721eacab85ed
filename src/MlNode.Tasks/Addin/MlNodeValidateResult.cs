namespace MlNode.Tasks.Addin;

/// <summary>How a validation ended, for a script to branch on (or to end with <see cref="ExitCode"/>).</summary>
public sealed class MlNodeValidateResult
{
    internal MlNodeValidateResult()
    {
    }

    /// <summary>Gets the verdict.</summary>
    public MlNodeVerdict Verdict { get; internal init; }

    /// <summary>Gets the verdict as the report and the summary state it (e.g. <c>FAIL (fraud_detected)</c>).</summary>
    public string VerdictText { get; internal init; } = string.Empty;

    /// <summary>Gets the contract's exit code: 0 pass, 2 fraud, 1 error, 3 only a throughput gate failed, 130 interrupted.</summary>
    public int ExitCode { get; internal init; }

    /// <summary>Gets the one label of the verdict and the gate, as every report says it (PASS, FAIL, "PASS, gate FAILED", ...).</summary>
    public string Label { get; internal init; } = string.Empty;

    /// <summary>Gets the whole judgement in one line: the label, the counts, the cause and the next step.</summary>
    public string Headline { get; internal init; } = string.Empty;

    /// <summary>Gets why ("sparse far: ...", "deploy failed: ..."), or null for a clean pass.</summary>
    public string? Cause { get; internal init; }

    /// <summary>Gets what to do next, or null when nothing is to be done.</summary>
    public string? NextStep { get; internal init; }

    /// <summary>Gets the PoC scheme the reference was validated under: <c>prefill</c> (vectors) or <c>decode</c> (trajectories).</summary>
    public string Scheme { get; internal init; } = "prefill";

    /// <summary>Gets the summed throughput (counter-based where measured), or null.</summary>
    public double? ThroughputNoncesPerSecond { get; internal init; }

    /// <summary>Gets the run's experiment folder.</summary>
    public string ExperimentDirectory { get; internal init; } = string.Empty;

    /// <summary>Gets its validate_report.json.</summary>
    public string ReportPath { get; internal init; } = string.Empty;

    /// <summary>Gets the one-line error, or null.</summary>
    public string? Error { get; internal init; }

    /// <summary>Gets whether the node may take work: exit code 0.</summary>
    public bool Passed => ExitCode == 0;
}
