namespace MlNode.Tasks.Documents;

/// <summary>What --output=json prints for several runs (--all-references): the overall verdict and every run's report.</summary>
internal sealed class RunsDocument
{
    /// <summary>Gets PASS when every run passed, else "see runs".</summary>
    public string Verdict { get; init; } = string.Empty;

    /// <summary>Gets the invocation's exit code.</summary>
    public int ExitCode { get; init; }

    /// <summary>Gets each run's report.</summary>
    public IReadOnlyList<ValidateReport> Runs { get; init; } = [];
}
