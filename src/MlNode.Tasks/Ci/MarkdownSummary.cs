using System.Globalization;
using System.Text;
using MlNode.Tasks.PoC;
using MlNode.Tasks.Common;
using MlNode.Tasks.Configuration;
using MlNode.Tasks.References;
using MlNode.Tasks.Reports;
using MlNode.Tasks.Running;

namespace MlNode.Tasks.Ci;

/// <summary>
/// The run as a Markdown job summary: verdict, node, model, reference, throughput, stat test with provenance and
/// a phase table. Bounded (long lists are cut) so that it stays far below GitHub's 1 MiB summary limit.
/// </summary>
internal static class MarkdownSummary
{
    /// <summary>The most characters the summary of one run takes.</summary>
    public const int MaxLength = 16 * 1024;

    /// <summary>Renders the summary.</summary>
    public static string Render(RunOutcome outcome)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        var report = outcome.Report;
        var s = report.Settings;
        var root = s.RepositoryRoot;
        var text = new StringBuilder();
        var judgement = report.Judgement;
        text.AppendLine(CultureInfo.InvariantCulture, $"### MLNode validation: {Icon(judgement)} {Cell(judgement.Label)} (exit {judgement.ExitCode})");
        if (judgement.Because is { } because)
        {
            text.AppendLine().AppendLine(Cell(Cut(because, 2000)));
        }

        if (judgement.NextStep is { } next)
        {
            text.AppendLine().AppendLine(CultureInfo.InvariantCulture, $"**Next:** {Cell(Cut(next, 1000))}");
        }

        if (report.GateLine is { } gate)
        {
            text.AppendLine().AppendLine(Cell(gate));
        }

        text.AppendLine();
        text.AppendLine("| | |");
        text.AppendLine("|---|---|");
        Row(text, "node", Code(s.Node.Display));
        Row(text, "model", Code(s.Model.Value));
        var held = s.Reference.Scheme == PocScheme.Decode ? "decode trajectories" : "vectors";
        Row(text, "reference", $"{Code(ReferenceCatalog.Relative(s.Reference.FilePath ?? "?", root))} ({s.Reference.Count} {held}; source: {Cell(Cut(s.Reference.Source ?? "unknown", 200))})");
        Row(text, "throughput", report.Throughput.Summary is { } t
            ? string.Create(CultureInfo.InvariantCulture, $"{t.AverageSum:0.00} nonces/s ({t.AverageSum * 60:0} nonces/min) over {t.Backends} backends; from counters {t.CounterRate:0.00} nonces/s")
            : "not measured");
        Row(text, "validation", report.Phases[Phase.Validate].State == PhaseState.Completed
            ? string.Create(CultureInfo.InvariantCulture, $"n_mismatch {report.Validation.NMismatch}/{report.Validation.NTotal}, p_value {report.Validation.PValue:G6}, " +
                $"fraud_detected {report.Validation.FraudDetected.ToString().ToLowerInvariant()}")
            : "not run");
        Row(text, "stat test", string.Join(", ", new[] { ("dist_threshold", s.StatTest.DistThreshold), ("p_mismatch", s.StatTest.PMismatch), ("fraud_threshold", s.StatTest.FraudThreshold) }
            .Select(k => $"{k.Item1} {SummaryRenderer.Number(k.Item2.Value)} ({k.Item2.Source.Display()})")));
        Row(text, "deploy", $"{Code(s.Deploy.Dtype.Value)} " +
            $"{Code(Cut(string.Join(' ', s.Deploy.AdditionalArgs), 400))}{(report.Deploy.Action == "already_running" ? " (NOT applied: vLLM was already running)" : string.Empty)}");
        Row(text, "experiment", Code(ReferenceCatalog.Relative(report.ExperimentDirectory, root)));
        Row(text, "HTML report", $"{Code(ExperimentDirectory.HtmlFile)} in the experiment folder (part of the uploaded artifact): charts of the phases, " +
            $"the throughput per replica and the fraud-test margin");
        text.AppendLine();
        text.AppendLine("| phase | result | time |");
        text.AppendLine("|---|---|---|");
        foreach (var phase in PhaseNames.InOrder)
        {
            var record = report.Phases[phase];
            text.AppendLine(CultureInfo.InvariantCulture, $"| {phase.Header()} | {Cell(Result(report, phase))} | " +
                $"{(record.ElapsedSeconds is { } e ? e.ToString("0.0", CultureInfo.InvariantCulture) + " s" : string.Empty)} |");
        }

        foreach (var warning in report.Warnings.Take(10))
        {
            text.AppendLine().AppendLine(CultureInfo.InvariantCulture, $"> **warning:** {Cell(Cut(warning, 500))}");
        }

        if (report.Validation.MismatchNonces.Count > 0)
        {
            var nonces = report.Validation.MismatchNonces;
            text.AppendLine().AppendLine(CultureInfo.InvariantCulture, $"mismatch nonces: {string.Join(", ", nonces.Take(20))}{(nonces.Count > 20 ? ", ..." : string.Empty)}");
        }

        if (outcome.Error is { } error)
        {
            text.AppendLine().AppendLine(CultureInfo.InvariantCulture, $"> **ERROR:** {Cell(Cut(error, 2000))}");
        }

        return report.Redactor.Redact(Cut(text.ToString(), MaxLength));
    }

    private static string Result(RunReport report, Phase phase)
    {
        var record = report.Phases[phase];
        return record.State switch
        {
            PhaseState.Completed => phase switch
            {
                Phase.Download => report.Download.Action ?? "done",
                Phase.Deploy => report.Deploy.Action ?? "done",
                Phase.Throughput => report.Throughput.Summary is { SlowReplicas.Count: > 0 } ? "measured, slow replica" : "measured",
                _ => report.Judgement.Verdict.Label,
            },
            PhaseState.Skipped => $"skipped ({record.Reason})",
            PhaseState.Pending => "not reached",
            _ => record.State.ToString().ToLowerInvariant(),
        };
    }

    private static string Icon(Judging.Judgement judgement) => judgement.Style switch
    {
        "pass" or "mismatches" => "✅",
        "fail" => "❌",
        "skipped" => "➖",
        _ => "⚠️",
    };

    private static void Row(StringBuilder text, string name, string value) => text.AppendLine(CultureInfo.InvariantCulture, $"| {name} | {value} |");

    // Outside text in a job summary: one line (a CR or newline cannot forge a row), no CI command, no cell break.
    internal static string Code(string value) => "`" + OutsideText.LogLine(value).Replace("`", "'", StringComparison.Ordinal).Replace("|", "\\|", StringComparison.Ordinal) + "`";

    internal static string Cell(string value) => OutsideText.LogLine(value).Replace("|", "\\|", StringComparison.Ordinal);

    internal static string Cut(string value, int length) => value.Length <= length ? value : value[..(length - 1)] + "…";
}
