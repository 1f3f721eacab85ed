using System.Globalization;
using System.Text;
using MlNode.Tasks.Common;
using MlNode.Tasks.Reports;
using MlNode.Tasks.Reports.Html;
using static MlNode.Tasks.Reports.Html.Svg;

namespace MlNode.Tasks.Fleet;

/// <summary>
/// fleet_report.html: the fleet on one self-contained page (inline CSS and SVG, no script): the exit code as a
/// banner, the counts, the throughput of every pair that measured one as a bar chart (failures in the fraud colour),
/// and the table worst first, each pair linking to its own validate_report.html.
/// </summary>
internal static class FleetHtml
{
    private const string FleetStyle = """
        .status { font-weight: 600; } .status.fail, .status.error { color: var(--fail); } .status.refused { color: var(--warn); } .status.pass { color: var(--pass); }
        #pairs td, #pairs th { white-space: nowrap; overflow-wrap: normal; } #pairs td:last-child { white-space: normal; overflow-wrap: anywhere; width: 100%; }
        svg .bar.fail { fill: var(--fail); } svg .bar.pass { fill: var(--info); } svg .bar.gate { fill: var(--warn); }
        """;

    /// <summary>Renders the page.</summary>
    public static string Render(FleetRun run)
    {
        ArgumentNullException.ThrowIfNull(run);
        var result = run.Result;
        var c = result.Counts;
        var html = new StringBuilder(HtmlReport.Head($"MLNode fleet validation: exit {result.ExitCode}", FleetStyle));
        html.Append("<h1>MLNode fleet validation</h1>");
        var kind = result.ExitCode switch { ExitCodes.Pass => "pass", ExitCodes.Gate => "gate", _ => "fail" };
        html.Append(string.Create(CultureInfo.InvariantCulture, $"<div class=\"banner {kind}\" id=\"verdict\">{c.Pass} PASS, {c.Fail} FAIL, {c.Error} ERROR, " +
            $"{c.Refused} REFUSED — exit {result.ExitCode}"));
        html.Append(CultureInfo.InvariantCulture, $"<small>{c.Total} pair(s) " +
            $"from {Esc(run.SourceKind)} {Esc(run.SourceDisplay)}{(run.Duration is { } d ? " in " + Esc(Durations.Short(d)) : string.Empty)}</small></div>");
        html.Append(CultureInfo.InvariantCulture, $"<p class=\"muted\" id=\"safety\">safety: {Esc(run.Safety.Note)}</p>");
        html.Append("<h2>Throughput per pair</h2>").Append(Chart(result));
        var groups = NetworkNodeGroup.Of(run);
        if (groups.Count > 0)
        {
            html.Append("<h2>Network Nodes</h2><table id=\"network-nodes\"><tr><th>Network Node</th><th>pairs</th><th>PASS</th><th>FAIL</th><th>ERROR</th><th>REFUSED</th><th>exit code</th></tr>");
            foreach (var group in groups)
            {
                var g = group.Result.Counts;
                html.Append(CultureInfo.InvariantCulture, $"<tr><td>{Esc(group.Name)}</td><td>{g.Total}</td><td>{g.Pass}</td><td>{g.Fail}</td>")
                    .Append(CultureInfo.InvariantCulture, $"<td>{g.Error}</td><td>{g.Refused}</td><td>{group.Result.ExitCode}</td></tr>");
            }

            html.Append("</table>");
        }

        html.Append("<h2>Pairs, worst first</h2><table " +
            "id=\"pairs\"><tr><th>status</th><th>node</th><th>model</th><th>software</th><th>throughput</th><th>mismatches</th><th>p-value</th><th>time</th><th>detail</th></tr>");
        foreach (var (r, group) in Grouped(result, groups))
        {
            if (group is not null)
            {
                var g = group.Result.Counts;
                html.Append(CultureInfo.InvariantCulture, $"<tr class=\"group\"><th colspan=\"9\">Network Node {Esc(group.Name)}: ")
                    .Append(CultureInfo.InvariantCulture, $"{g.Pass} PASS, {g.Fail} FAIL, {g.Error} ERROR, {g.Refused} REFUSED</th></tr>");
            }

            var status = r.Label;
            // The folder is the link; the text is the rest of the detail.
            var detail = r.Detail == r.ExperimentDirectory ? null : r.Detail;
            var link = r.ExperimentDirectory is { } dir
                ? $"<a href=\"{Esc(Uri.EscapeDataString(dir).Replace("%2F", "/", StringComparison.Ordinal))}/{ExperimentDirectory.HtmlFile}\">{Esc(dir)}</a>"
                : string.Empty;
            html.Append(string.Create(
                CultureInfo.InvariantCulture,
                $"<tr><td class=\"status {r.Status.ToString().ToLowerInvariant()}\">{Esc(status)}</td><td>{Esc(r.NodeId)}</td><td>{Esc(r.Model)}</td><td>{Esc(r.NodeSoftware ?? "–")}</td>" +
                $"<td>{(r.Throughput is { } t ? N(t) + " n/s" : "–")}</td><td>{(r.NMismatch is { } m ? $"{m}/{r.NTotal}" : "–")}</td>" +
                $"<td>{(r.PValue is { } p ? p.ToString("G4", CultureInfo.InvariantCulture) : "–")}</td><td>{(r.DurationSeconds is { } s ? Esc(Durations.Short(s)) : "–")}</td>" +
                $"<td>{(detail is null ? string.Empty : Esc(detail) + (link.Length > 0 ? "<br>" : string.Empty))}{link}</td></tr>"));
        }

        html.Append("</table>");
        html.Append($"<h2>Files</h2><p><a href=\"{FleetFiles.ReportFile}\">{FleetFiles.ReportFile}</a> · <a href=\"{FleetFiles.TextFile}\">{FleetFiles.TextFile}</a> " +
            $"· <a href=\"{FleetFiles.JUnitFile}\">{FleetFiles.JUnitFile}</a></p>");
        html.Append("</body></html>\n");
        return html.ToString();
    }

    // The rows in the table's order: one block per Network Node (the group given with its first row), or all at once.
    private static IEnumerable<(FleetRow Row, NetworkNodeGroup? StartsGroup)> Grouped(FleetResult result, IReadOnlyList<NetworkNodeGroup> groups)
    {
        if (groups.Count == 0)
        {
            foreach (var row in result.Rows)
            {
                yield return (row, null);
            }

            yield break;
        }

        foreach (var group in groups)
        {
            for (var i = 0; i < group.Result.Rows.Count; i++)
            {
                yield return (group.Result.Rows[i], i == 0 ? group : null);
            }
        }
    }

    // One horizontal bar per pair that measured a throughput, on one scale, in the table's order.
    private static string Chart(FleetResult result)
    {
        var measured = result.Rows.Where(r => r.Throughput is not null).ToList();
        if (measured.Count == 0)
        {
            return "<p class=\"muted\">no pair measured a throughput</p>";
        }

        const int Row = 18;
        const int Left = 260;
        var ticks = AxisTicks.UpTo(measured.Max(r => r.Throughput!.Value));
        var max = ticks[^1];
        var width = Svg.Width - Left - 80;
        var entries = new List<LegendEntry> { new("passed", "bar pass") };
        if (measured.Any(r => r.Status == FleetStatus.Fail))
        {
            entries.Add(new("failed (fraud detected)", "bar fail"));
        }

        if (measured.Any(r => r.Status != FleetStatus.Fail && r.GateFailed))
        {
            entries.Add(new("PASS, gate FAILED", "bar gate"));
        }

        var (legend, rows) = SvgLegend.Draw(Left, 6, entries);
        var top = 10 + (rows * SvgLegend.RowHeight);
        var bottom = top + (measured.Count * Row);
        var svg = new StringBuilder(Open(bottom + 46, "throughput of each pair, nonces per second"));
        svg.Append(legend);
        for (var i = 0; i < measured.Count; i++)
        {
            var r = measured[i];
            var y = top + (i * Row);
            var w = max <= 0 ? 0 : r.Throughput!.Value / max * width;
            var cls = r.Status == FleetStatus.Fail ? "bar fail" : r.GateFailed ? "bar gate" : "bar pass";
            svg.Append(Text(Left - 6, y + 12, Fit($"{r.NodeId} {r.Model}", Left - 12), "label", "end"));
            svg.Append(Rect(Left, y + 2, Math.Max(w, 1), Row - 5, cls, $"{r.NodeId} {r.Model}: {N(r.Throughput!.Value)} n/s ({r.StatusText})"));
            svg.Append(Text(Left + w + 6, y + 12, N(r.Throughput!.Value), "axis"));
        }

        svg.Append(HtmlCharts.XAxis(bottom, ticks, N, "nonces per second, summed over the pair's replicas", Left, width));
        return svg.Append("</svg>").ToString();
    }
}
