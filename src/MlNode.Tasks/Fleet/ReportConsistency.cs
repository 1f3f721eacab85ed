using System.Globalization;
using MlNode.Tasks.Common;
using MlNode.Tasks.Reports;
using MlNode.Tasks.Documents;

namespace MlNode.Tasks.Fleet;

/// <summary>
/// Whether a validate_report.json a CI job left behind agrees with itself. FleetReport reads files anybody could have
/// written or edited: a verdict, exit code, status and fraud flag that disagree are not believed (the pair is an ERROR
/// row saying which fields disagree), never averaged into a PASS.
/// </summary>
internal static class ReportConsistency
{
    /// <summary>Each disagreement between the report's fields, in one clause; empty when they agree.</summary>
    public static IReadOnlyList<string> Disagreements(ValidateReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var problems = new List<string>();
        if (Verdict.All.FirstOrDefault(v => v.Text == report.Verdict) is not { } verdict)
        {
            problems.Add($"verdict '{OutsideText.OneLine(report.Verdict)}' is not one this tool writes");
            return problems;
        }

        if (report.ExitCode is { } code && code != verdict.ExitCode && !(verdict.ExitCode == ExitCodes.Pass && code == ExitCodes.Gate))
        {
            problems.Add(string.Create(CultureInfo.InvariantCulture, $"verdict {verdict.Text} but exit_code {code}"));
        }

        var status = StatusOf(verdict);
        if (!string.Equals(report.Status, status, StringComparison.Ordinal))
        {
            problems.Add($"verdict {verdict.Text} but status '{OutsideText.OneLine(report.Status)}' (expected '{status}')");
        }

        if (report.Validation?.Response?["fraud_detected"]?.Type == Newtonsoft.Json.Linq.JTokenType.Boolean &&
            (bool)report.Validation.Response["fraud_detected"]! != (verdict == Verdict.Fail) &&
            verdict.ExitCode is ExitCodes.Pass or ExitCodes.Fraud)
        {
            problems.Add($"verdict {verdict.Text} but validation.response.fraud_detected {((bool)report.Validation.Response["fraud_detected"]! ? "true" : "false")}");
        }

        if (report.Error is not null && verdict.ExitCode is ExitCodes.Pass or ExitCodes.Fraud)
        {
            problems.Add($"verdict {verdict.Text} but an error is recorded");
        }

        return problems;
    }

    private static string StatusOf(Verdict verdict) =>
        verdict == Verdict.Interrupted ? "interrupted"
        : verdict == Verdict.Incomplete ? "running"
        : verdict == Verdict.Error ? "failed"
        : "completed";
}
