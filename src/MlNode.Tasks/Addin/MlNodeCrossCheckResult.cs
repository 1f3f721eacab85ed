namespace MlNode.Tasks.Addin;

/// <summary>How a cross-check ended, for a script to branch on (or to end with <see cref="ExitCode"/>).</summary>
/// <param name="ExitCode">2 if any ordered pair's fraud test fired, else 1 if a node or pair could not be judged, else 0.</param>
/// <param name="CrossCheckDirectory">The crosscheck_&lt;ts&gt; folder.</param>
/// <param name="ReportPath">Its crosscheck_report.json.</param>
/// <param name="Cells">Every ordered pair of every model's matrix, the golden's row and column included.</param>
/// <param name="Incompatible">Every pair whose fraud test fired, worded for an operator.</param>
public sealed record MlNodeCrossCheckResult(int ExitCode, string CrossCheckDirectory, string ReportPath, IReadOnlyList<MlNodeCrossCheckCell> Cells, IReadOnlyList<string> Incompatible)
{
    /// <summary>Gets whether every class accepts every other's vectors: exit code 0.</summary>
    public bool Passed => ExitCode == 0;
}

/// <summary>One ordered pair: the generator's vectors as the validator judged them.</summary>
/// <param name="Model">The model.</param>
/// <param name="Generator">Whose vectors (a node id, or "golden").</param>
/// <param name="GeneratorHardware">The generator's hardware class.</param>
/// <param name="Validator">Who judged them (a node id, or "golden").</param>
/// <param name="ValidatorHardware">The validator's hardware class.</param>
/// <param name="Status">PASS, FAIL (the fraud test fired), ERROR or INTERRUPTED.</param>
/// <param name="Mismatches">How many nonces were beyond dist_threshold, or null.</param>
/// <param name="Nonces">How many were judged, or null.</param>
public sealed record MlNodeCrossCheckCell(string Model, string Generator, string GeneratorHardware, string Validator, string ValidatorHardware, string Status, int? Mismatches, int? Nonces);
