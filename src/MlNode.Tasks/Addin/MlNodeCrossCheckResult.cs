namespace MlNode.Tasks.Addin;

/// <summary>How a cross-check ended, for a script to branch on (or to end with <see cref="ExitCode"/>).</summary>
public sealed class MlNodeCrossCheckResult
{
    internal MlNodeCrossCheckResult()
    {
    }

    /// <summary>Gets the exit code: 2 if any ordered pair's fraud test fired, else 1 if a node or pair could not be judged, else 0.</summary>
    public int ExitCode { get; internal init; }

    /// <summary>Gets the crosscheck_&lt;ts&gt; folder.</summary>
    public string CrossCheckDirectory { get; internal init; } = string.Empty;

    /// <summary>Gets its crosscheck_report.json.</summary>
    public string ReportPath { get; internal init; } = string.Empty;

    /// <summary>Gets every ordered pair of every model's matrix, the golden's row and column included.</summary>
    public IReadOnlyList<MlNodeCrossCheckCell> Cells { get; internal init; } = [];

    /// <summary>Gets every pair whose fraud test fired, worded for an operator.</summary>
    public IReadOnlyList<string> Incompatible { get; internal init; } = [];

    /// <summary>Gets whether every class accepts every other's vectors: exit code 0.</summary>
    public bool Passed => ExitCode == 0;
}
