namespace MlNode.Tasks.Addin;

/// <summary>How a validation ended, for a script to branch on (or to end with <see cref="ExitCode"/>).</summary>
/// <param name="Verdict">The verdict: PASS, PASS (with mismatches ...), FAIL (fraud_detected), validation skipped, ERROR.</param>
/// <param name="ExitCode">The contract's exit code: 0 pass, 2 fraud, 1 error, 3 only a throughput gate failed.</param>
/// <param name="ThroughputNoncesPerSecond">The summed throughput (counter-based where measured), or null.</param>
/// <param name="ExperimentDirectory">The run's experiment folder.</param>
/// <param name="ReportPath">Its validate_report.json.</param>
/// <param name="Error">The one-line error, or null.</param>
public sealed record MlNodeValidateResult(string Verdict, int ExitCode, double? ThroughputNoncesPerSecond, string ExperimentDirectory, string ReportPath, string? Error)
{
    /// <summary>Gets whether the node may take work: exit code 0.</summary>
    public bool Passed => ExitCode == 0;
}
