using MlNode.Tasks.Common;

namespace MlNode.Tasks.Reports;

/// <summary>
/// What a failure makes of a run's report: interrupted or failed, the one-line error (secrets masked; a bug says so
/// and keeps its stack trace as detail, never on the console), the phase it happened in, and running phases ended.
/// </summary>
internal static class RunFailure
{
    /// <summary>Records the first failure of a run; later ones (and fraud, which is a verdict) change nothing.</summary>
    /// <returns>True when the report changed.</returns>
    public static bool Record(RunReport report, Exception error)
    {
        if (report.Error is not null || report.Interrupted || error is FraudDetectedException)
        {
            return false;
        }

        var failure = Failure.Of(error);
        report.Interrupted = failure.Kind == FailureKind.Interrupted;
        report.Error = report.Redactor.Redact(failure.Kind == FailureKind.Bug ? $"{failure.Message} -- please report it with {ExperimentDirectory.ReportFile}" : failure.Message);
        report.ErrorDetail = failure.Trace is null ? null : report.Redactor.Redact(failure.Trace);

        report.ErrorPhase ??= report.CurrentPhase;
        foreach (var record in report.Phases.Values.Where(r => r.State == PhaseState.Running))
        {
            record.State = report.Interrupted ? PhaseState.Interrupted : PhaseState.Failed;
        }

        return true;
    }
}
