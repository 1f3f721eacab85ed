using System.Globalization;
using System.Text;
using MlNode.Tasks.Fleet;

namespace MlNode.Tasks.Ci;

/// <summary>A fleet run as a Markdown job summary (counts, then one table row per pair, worst first) and its step outputs.</summary>
internal static class FleetSummary
{
    /// <summary>The most pair rows the summary lists (the rest are in fleet_report.txt).</summary>
    public const int MaxRows = 200;

    /// <summary>Renders the summary.</summary>
    public static string Render(FleetRun run)
    {
        ArgumentNullException.ThrowIfNull(run);
        var c = run.Result.Counts;
        var text = new StringBuilder();
        var icon = run.Result.ExitCode switch { 0 => "✅", 2 => "❌", 3 => "⚠️", _ => "🛑" };
        text.AppendLine(CultureInfo.InvariantCulture, $"### MLNode fleet validation: {icon} {c.Pass} PASS, {c.Fail} FAIL, {c.Error} ERROR, " +
            $"{c.Refused} REFUSED of {c.Total} (exit {run.Result.ExitCode})");
        text.AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $"Fleet from {run.SourceKind} {MarkdownSummary.Code(run.SourceDisplay)}; safety: {MarkdownSummary.Cell(run.Safety.Note)}");
        text.AppendLine();
        text.AppendLine("| status | node | model | throughput | mismatches | p-value | time | detail |");
        text.AppendLine("|---|---|---|---|---|---|---|---|");
        foreach (var r in run.Result.Rows.Take(MaxRows))
        {
            string[] cells =
            [
                r.Label,
                MarkdownSummary.Code(r.NodeId),
                MarkdownSummary.Code(r.Model),
                r.Throughput is { } t ? t.ToString("0.0", CultureInfo.InvariantCulture) + " n/s" : "-",
                r.NMismatch is { } m ? string.Create(CultureInfo.InvariantCulture, $"{m}/{r.NTotal}") : "-",
                r.PValue is { } p ? p.ToString("G4", CultureInfo.InvariantCulture) : "-",
                r.DurationSeconds is { } d ? d.ToString("0.0", CultureInfo.InvariantCulture) + " s" : "-",
                MarkdownSummary.Cell(MarkdownSummary.Cut(r.Detail ?? string.Empty, 300)),
            ];
            text.AppendLine("| " + string.Join(" | ", cells) + " |");
        }

        if (run.Result.Rows.Count > MaxRows)
        {
            text.AppendLine().AppendLine(CultureInfo.InvariantCulture, $"… and {run.Result.Rows.Count - MaxRows} more pairs: see fleet_report.txt in the fleet folder.");
        }

        return text.ToString();
    }

    /// <summary>total, pass, fail, error, refused, gate_failed, exit_code and fleet_dir.</summary>
    public static IReadOnlyList<KeyValuePair<string, string>> Outputs(FleetRun run)
    {
        ArgumentNullException.ThrowIfNull(run);
        var c = run.Result.Counts;
        string N(int n) => n.ToString(CultureInfo.InvariantCulture);
        return
        [
            new("total", N(c.Total)),
            new("pass", N(c.Pass)),
            new("fail", N(c.Fail)),
            new("error", N(c.Error)),
            new("refused", N(c.Refused)),
            new("gate_failed", N(c.GateFailed)),
            new("exit_code", N(run.Result.ExitCode)),
            new("fleet_dir", StepOutputs.SingleLine(run.Directory)),
        ];
    }
}
