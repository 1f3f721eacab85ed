using System.Globalization;
using System.Text;
using MlNode.Tasks.Common;

namespace MlNode.Tasks.Fleet;

/// <summary>
/// fleet_report.txt and the table printed at the end of a fleet run: one line per pair, worst first. Node ids, models,
/// sources and details are outside text: each cell in the log's escaped one-line form, so no id can forge a row.
/// </summary>
internal static class FleetTable
{
    /// <summary>Renders the table with a heading and the exit code.</summary>
    public static string Render(FleetRun run)
    {
        ArgumentNullException.ThrowIfNull(run);
        var result = run.Result;
        var c = result.Counts;
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"MLNode fleet validation: {c.Total} pair(s) from {run.SourceKind} {OutsideText.LogLine(run.SourceDisplay)}");
        text.AppendLine(CultureInfo.InvariantCulture, $"  {c.Pass} PASS ({c.GateFailed} of them PASS, gate FAILED), {c.Fail} FAIL, {c.Error} ERROR, " +
            $"{c.Refused} REFUSED{(run.Duration is { } d ? $" in {Durations.Short(d)}" : string.Empty)}");
        text.AppendLine(CultureInfo.InvariantCulture, $"  safety: {OutsideText.LogLine(run.Safety.Note)}");
        text.AppendLine();
        var header = new[] { "STATUS", "NODE", "MODEL", "SOFTWARE", "THROUGHPUT", "MISMATCH", "P_VALUE", "TIME", "DETAIL" };
        string[] Cells(FleetRow r) => new[]
        {
            r.Label,
            OutsideText.LogLine(r.NodeId),
            OutsideText.LogLine(r.Model),
            OutsideText.LogLine(r.NodeSoftware ?? "-"),
            r.Throughput is { } t ? string.Create(CultureInfo.InvariantCulture, $"{t:0.#} n/s") : "-",
            r.NMismatch is { } m && r.NTotal is { } n ? string.Create(CultureInfo.InvariantCulture, $"{m}/{n}") : "-",
            r.PValue is { } p ? p.ToString("G4", CultureInfo.InvariantCulture) : "-",
            r.DurationSeconds is { } s ? Durations.Short(s) : "-",
            OutsideText.LogLine(r.Detail),
        };
        var lines = result.Rows.Select(Cells).ToList();
        var widths = Enumerable.Range(0, header.Length - 1).Select(i => lines.Select(l => l[i].Length).Append(header[i].Length).Max()).ToArray();
        var groups = NetworkNodeGroup.Of(run);
        if (groups.Count == 0)
        {
            Block(text, header, lines, widths);
        }
        else
        {
            // Each Network Node's operator reads their own block: its counts, exit code and pairs, worst first.
            foreach (var group in groups)
            {
                var g = group.Result.Counts;
                text.Append(CultureInfo.InvariantCulture, $"Network Node {OutsideText.LogLine(group.Name)}: {g.Total} pair(s), ")
                    .AppendLine(CultureInfo.InvariantCulture, $"{g.Pass} PASS, {g.Fail} FAIL, {g.Error} ERROR, {g.Refused} REFUSED; exit code {group.Result.ExitCode}");
                Block(text, header, [.. group.Result.Rows.Select(Cells)], widths);
                text.AppendLine();
            }
        }

        text.AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $"fleet exit code: {result.ExitCode} ({Meaning(result)})");
        return text.ToString();
    }

    private static void Block(StringBuilder text, string[] header, IReadOnlyList<string[]> lines, int[] widths)
    {
        foreach (var cells in lines.Prepend(header))
        {
            var line = new StringBuilder("  ");
            for (var i = 0; i < cells.Length; i++)
            {
                line.Append(i < widths.Length ? cells[i].PadRight(widths[i] + 2) : cells[i]);
            }

            text.AppendLine(line.ToString().TrimEnd());
        }
    }

    private static string Meaning(FleetResult result) => result.ExitCode switch
    {
        ExitCodes.Pass => "every pair passed",
        ExitCodes.Fraud => "a node failed the fraud test",
        ExitCodes.Gate => "every pair passed, but a throughput gate failed",
        ExitCodes.Interrupted => "interrupted",
        _ => result.Counts.Error > 0 ? "a pair ended in an error" : "a pair was refused for safety (--refused-ok accepts that)",
    };
}
