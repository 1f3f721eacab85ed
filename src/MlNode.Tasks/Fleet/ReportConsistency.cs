using System.Globalization;
using MlNode.Tasks.Common;
using MlNode.Tasks.Documents;
using MlNode.Tasks.PoC;
using Newtonsoft.Json.Linq;

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

        problems.AddRange(JudgementDisagreements(report, verdict));
        var status = StatusOf(verdict);
        if (!string.Equals(report.Status, status, StringComparison.Ordinal))
        {
            problems.Add($"verdict {verdict.Text} but status '{OutsideText.OneLine(report.Status)}' (expected '{status}')");
        }

        if (report.Error is not null && verdict.ExitCode is ExitCodes.Pass or ExitCodes.Fraud)
        {
            problems.Add($"verdict {verdict.Text} but an error is recorded");
        }

        if (verdict == Verdict.Pass || verdict == Verdict.PassWithMismatches || verdict == Verdict.Fail)
        {
            problems.AddRange(JudgedDisagreements(report, verdict));
        }

        return problems;
    }

    // A verdict of the fraud test stands only on a validation that ran, every phase that ran having completed, and a
    // reply whose numbers give that verdict under the stat test the report says was sent.
    private static IEnumerable<string> JudgedDisagreements(ValidateReport report, Verdict verdict)
    {
        foreach (var (name, phase) in report.Phases.Where(p => p.Value.State is "failed" or "interrupted" or "running" or "pending"))
        {
            yield return $"verdict {verdict.Text} but phase {OutsideText.OneLine(name)} is {OutsideText.OneLine(phase.State)}";
        }

        if (report.Validation is not { } validation)
        {
            yield return $"verdict {verdict.Text} but the report has no validation section";
            yield break;
        }

        if (validation.Coherent != true)
        {
            yield return $"verdict {verdict.Text} but validation.coherent is {Word(validation.Coherent)}";
        }

        if (validation.Passed != (verdict != Verdict.Fail))
        {
            yield return $"verdict {verdict.Text} but validation.passed is {Word(validation.Passed)}";
        }

        var reply = validation.Response;
        if (Integer(reply, "n_total") is not { } total || Integer(reply, "n_mismatch") is not { } mismatches ||
            reply!["p_value"] is not { Type: JTokenType.Float or JTokenType.Integer } pToken || reply["fraud_detected"] is not { Type: JTokenType.Boolean } fraudToken)
        {
            yield return "validation.response lacks n_total, n_mismatch (integers), p_value (a number) or fraud_detected (a boolean)";
            yield break;
        }

        var (pValue, fraud) = ((double)pToken, (bool)fraudToken);
        if (fraud != (verdict == Verdict.Fail))
        {
            yield return $"verdict {verdict.Text} but validation.response.fraud_detected {(fraud ? "true" : "false")}";
        }

        if ((verdict == Verdict.Pass && mismatches != 0) || (verdict == Verdict.PassWithMismatches && mismatches == 0))
        {
            yield return string.Create(CultureInfo.InvariantCulture, $"verdict {verdict.Text} but n_mismatch {mismatches}");
        }

        var sent = validation.Request.StatTest;
        if (sent.FraudThreshold is not (> 0 and < 1) || sent.PMismatch is not (>= 0 and < 1))
        {
            yield return "validation.request.stat_test is missing or out of range, so the verdict cannot be checked";
        }
        else if (mismatches >= 0 && mismatches <= total)
        {
            var expected = new StatTestParameters(sent.DistThreshold, sent.PMismatch, sent.FraudThreshold).Evaluate((int)mismatches, (int)total);
            if (expected.FraudDetected != fraud || fraud != (pValue < sent.FraudThreshold))
            {
                yield return string.Create(CultureInfo.InvariantCulture, $"verdict {verdict.Text} but {mismatches}/{total} mismatches give p " +
                    $"{expected.PValue:G4} under the stat test sent (fraud below {sent.FraudThreshold}), the reply says p {pValue:G4}");
            }
        }
    }

    // The judgement block is what every fleet file renders: it must state the verdict, exit code and counts the rest of
    // the report states, or the pair is not believed.
    private static IEnumerable<string> JudgementDisagreements(ValidateReport report, Verdict verdict)
    {
        if (report.Judgement is not { } info)
        {
            yield return "the report has no judgement";
            yield break;
        }

        if (Judging.JudgementDocument.Read(info) is not { } judgement)
        {
            yield return $"its judgement ('{OutsideText.OneLine(info.Label)}', exit code {info.ExitCode}) is not one this tool writes";
            yield break;
        }

        if (judgement.Verdict != verdict)
        {
            yield return $"verdict {verdict.Text} but judgement.verdict {judgement.Verdict.Label}";
        }

        if (report.ExitCode is { } code && code != judgement.ExitCode)
        {
            yield return string.Create(CultureInfo.InvariantCulture, $"exit_code {code} but the judgement's exit code is {judgement.ExitCode}");
        }

        var reply = report.Validation?.Response;
        if (judgement.Counts is { } counts && reply is not null && (Integer(reply, "n_mismatch") != counts.NMismatch || Integer(reply, "n_total") != counts.NTotal))
        {
            yield return string.Create(CultureInfo.InvariantCulture, $"judgement.counts {counts.NMismatch}/{counts.NTotal} but validation.response says " +
                $"{Integer(reply, "n_mismatch")}/{Integer(reply, "n_total")}");
        }
    }

    private static long? Integer(JObject? reply, string name) => reply?[name] is { Type: JTokenType.Integer } token ? (long)token : null;

    private static string Word(bool? value) => value is null ? "missing" : value.Value ? "true" : "false";

    private static string StatusOf(Verdict verdict) =>
        verdict == Verdict.Interrupted ? "interrupted"
        : verdict == Verdict.Incomplete ? "running"
        : verdict == Verdict.Error ? "failed"
        : "completed";
}
