using MlNode.Tasks.Common;
using MlNode.Tasks.Reports;

namespace MlNode.Tasks.Running;

/// <summary>How a run ended: its verdict, exit code, summary text and where the reports are.</summary>
/// <param name="Verdict">The verdict.</param>
/// <param name="ExperimentDirectory">The experiment folder.</param>
/// <param name="Summary">The contract's summary (the text report).</param>
/// <param name="Error">The one-line error, if the run failed.</param>
/// <param name="Report">The run's report.</param>
internal sealed record RunOutcome(Verdict Verdict, string ExperimentDirectory, string Summary, string? Error, RunReport Report)
{
    /// <summary>Gets the process exit code.</summary>
    public int ExitCode => Report.ExitCode;
}
