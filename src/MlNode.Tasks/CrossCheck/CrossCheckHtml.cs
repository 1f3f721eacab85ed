using System.Globalization;
using System.Text;
using MlNode.Tasks.Common;
using MlNode.Tasks.PoC;
using MlNode.Tasks.Reports.Html;
using static MlNode.Tasks.Reports.Html.Svg;

namespace MlNode.Tasks.CrossCheck;

/// <summary>
/// crosscheck_report.html: one self-contained page (inline CSS and SVG, no script). Per model a heatmap of the
/// matrix, the golden as an extra row and column (generators down, validators across; the colour is the share of
/// mismatching nonces, a fired fraud test outlined), then every pair's distance distribution against the threshold.
/// </summary>
internal static class CrossCheckHtml
{
    private const string Style = """
        table.heatmap td, table.heatmap th { text-align: center; white-space: nowrap; } table.heatmap td.cell { min-width: 7em; }
        td.cell.fail { outline: 3px solid var(--fail); outline-offset: -3px; font-weight: 600; } td.cell.error, td.cell.interrupted { color: var(--warn); font-weight: 600; }
        td.cell.self { color: var(--muted); }
        svg .threshold { stroke: var(--fail); stroke-dasharray: 4 3; } svg .range { fill: var(--series); opacity: 0.35; } svg .median { fill: var(--info); } svg .beyond { fill: var(--fail); }
        """;

    /// <summary>Renders the page.</summary>
    public static string Render(CrossCheckRun run)
    {
        ArgumentNullException.ThrowIfNull(run);
        var html = new StringBuilder(HtmlReport.Head($"MLNode cross-check: exit {run.ExitCode}", Style));
        html.Append("<h1>MLNode cross-hardware check</h1>");
        var incompatible = run.Incompatible.ToList();
        var kind = run.ExitCode == ExitCodes.Pass ? "pass" : "fail";
        html.Append(string.Create(CultureInfo.InvariantCulture, $"<div class=\"banner {kind}\" " +
            $"id=\"verdict\">{(incompatible.Count == 0 ? "every hardware class accepts every other's vectors" : $"{incompatible.Count} incompatible ordered pair(s)")} — exit {run.ExitCode}"));
        foreach (var cause in run.Causes)
        {
            html.Append("<small class=\"cause\">").Append(Esc(cause)).Append("</small>");
        }

        html.Append(CultureInfo.InvariantCulture, $"<small>{run.Matrices.Sum(m => m.Plan.Nodes.Count)} node(s) " +
            $"from {Esc(run.Settings.SourceKind)} {Esc(run.Settings.SourceDisplay)} in {Esc(Durations.Short((run.FinishedAt - run.StartedAt).TotalSeconds))}</small></div>");
        if (incompatible.Count > 0)
        {
            html.Append("<ul id=\"incompatible\">");
            foreach (var line in incompatible)
            {
                html.Append("<li>").Append(Esc(line)).Append("</li>");
            }

            html.Append("</ul>");
        }

        foreach (var matrix in run.Matrices)
        {
            Matrix(html, matrix);
        }

        if (run.NodeIssues.Count > 0 || run.LeftOut.Count > 0)
        {
            html.Append("<h2>Nodes not in a matrix</h2><ul id=\"issues\">");
            foreach (var row in run.NodeIssues)
            {
                html.Append(CultureInfo.InvariantCulture, $"<li><b>{Esc(row.StatusText)}</b> {Esc(row.NodeId)} {Esc(row.Model)}: {Esc(row.Reason)}</li>");
            }

            foreach (var left in run.LeftOut)
            {
                html.Append(CultureInfo.InvariantCulture, $"<li>{Esc(left.NodeId)} ({Esc(left.Hardware)}): {Esc(left.StandIn)} stands for its class</li>");
            }

            html.Append("</ul>");
        }

        html.Append($"<h2>Files</h2><p><a href=\"{CrossCheckFiles.ReportFile}\">{CrossCheckFiles.ReportFile}</a> · <a " +
            $"href=\"{CrossCheckFiles.TextFile}\">{CrossCheckFiles.TextFile}</a> · <a href=\"{CrossCheckFiles.JUnitFile}\">{CrossCheckFiles.JUnitFile}</a></p>");
        html.Append("</body></html>\n");
        return html.ToString();
    }

    private static void Matrix(StringBuilder html, CrossMatrix matrix)
    {
        var plan = matrix.Plan;
        var st = plan.StatTest;
        html.Append(CultureInfo.InvariantCulture, $"<h2>{Esc(plan.Model.Value)}</h2>");
        html.Append(plan.Golden.Header.Scheme == PocScheme.Decode
            ? string.Create(
                CultureInfo.InvariantCulture,
                $"<p class=\"muted\">decode PoC: golden {Esc(plan.GoldenDisplay)}; τ {st.DistThreshold} (a claimed margin), p_mismatch {st.PMismatch}, " +
                $"fraud_threshold {st.FraudThreshold}; rows generate trajectories, columns re-run them teacher-forced. A cell reads nonces beyond τ/scored: " +
                $"the golden's row re-runs its {plan.Golden.Header.Count} recorded trajectories (a recording re-runs nothing, so its column is empty), " +
                $"two nodes the {plan.Nonces.Count} nonces each generated (--num-nonces).</p>")
            : string.Create(
                CultureInfo.InvariantCulture,
                $"<p class=\"muted\">golden {Esc(plan.GoldenDisplay)}; dist_threshold {st.DistThreshold}, p_mismatch {st.PMismatch}, fraud_threshold {st.FraudThreshold}; " +
                $"rows generate, columns validate. A cell reads mismatches/compared: the golden's row and column compare its {plan.Golden.Vectors.Count} recorded vectors, " +
                $"two nodes the {plan.Nonces.Count} nonces each generated (--num-nonces).</p>"));
        var sources = matrix.Sources;
        html.Append("<table class=\"heatmap\" data-model=\"").Append(Esc(plan.Model.Value)).Append("\"><tr><th>generator \\ validator</th>");
        foreach (var v in sources)
        {
            html.Append(CultureInfo.InvariantCulture, $"<th>{Label(matrix, v)}</th>");
        }

        html.Append("</tr>");
        foreach (var g in sources)
        {
            html.Append(CultureInfo.InvariantCulture, $"<tr><th>{Label(matrix, g)}</th>");
            foreach (var v in sources)
            {
                html.Append(g == v ? "<td class=\"cell self\">–</td>" : Cell(matrix.Cell(g, v)));
            }

            html.Append("</tr>");
        }

        html.Append("</table>");
        if (matrix.Tau is { } tau)
        {
            html.Append("<h3>τ calibration (claimed margins per ordered class pair)</h3>").Append(TauTable(tau));
        }
        else
        {
            html.Append("<h3>Distances per pair (L2 per nonce)</h3>").Append(Distances(matrix));
        }
    }

    // What governance needs: per class pair the honest margins, and the τ at which none of them reads as fraud.
    private static string TauTable(TauCalibration tau)
    {
        static string F(double v) => v.ToString("0.0000", CultureInfo.InvariantCulture);
        var html = new StringBuilder();
        var st = tau.StatTest;
        var setBy = tau.Tightest is { } t ? $" (set by {Esc(t.Generator)} → {Esc(t.Validator)})" : " (no pair disagreed on any step)";
        html.Append(CultureInfo.InvariantCulture, $"<p class=\"tau-verdict\">τ needed: <strong>{F(tau.TauNeeded)}</strong>{setBy}: ");
        html.Append(CultureInfo.InvariantCulture, $"below it an honest pair reads as fraud at p_mismatch {st.PMismatch.ToString(CultureInfo.InvariantCulture)}. ");
        html.Append(tau.Headroom >= 0
            ? string.Create(CultureInfo.InvariantCulture, $"At τ {st.DistThreshold} the tightest pair has {tau.Headroom} mismatch(es) to spare.</p>")
            : string.Create(CultureInfo.InvariantCulture, $"At τ {st.DistThreshold} an honest pair already reads as fraud ({-tau.Headroom} too many).</p>"));
        html.Append("<table class=\"tau\"><tr><th>generator class</th><th>validator class</th><th>nonces with a differing step</th>")
            .Append("<th>margin median</th><th>p95</th><th>max</th><th>mismatches at τ / allowed</th><th>τ needed</th></tr>");
        foreach (var p in tau.Pairs)
        {
            html.Append(CultureInfo.InvariantCulture, $"<tr><td>{Esc(p.Generator)}</td><td>{Esc(p.Validator)}</td><td>{p.Differing}/{p.Compared}</td>")
                .Append(CultureInfo.InvariantCulture, $"<td>{F(p.Quantile(0.5))}</td><td>{F(p.Quantile(0.95))}</td><td>{F(p.Quantile(1))}</td>")
                .Append(CultureInfo.InvariantCulture, $"<td>{p.MismatchesAtTau}/{p.Allowed}</td><td>{F(p.TauNeeded)}</td></tr>");
        }

        return html.Append("</table>").ToString();
    }

    private static string Label(CrossMatrix matrix, string source) =>
        source == CrossSchedule.Golden ? "golden" : $"{Esc(source)}<br><small>{Esc(matrix.ShownHardware(source))}</small>";

    // The share of mismatching nonces tints the cell (0: none, 1: every nonce), the title says everything.
    private static string Cell(CrossCell? cell)
    {
        if (cell is null)
        {
            return "<td class=\"cell error\">?</td>";
        }

        var status = cell.StatusText.ToLowerInvariant();
        if (cell.Status is CrossCellStatus.Error or CrossCellStatus.Interrupted)
        {
            return $"<td class=\"cell {status}\" data-generator=\"{Esc(cell.Generator)}\" data-validator=\"{Esc(cell.Validator)}\" " +
                $"title=\"{Esc(cell.Judgement.Headline)}\">{Esc(cell.StatusText)}</td>";
        }

        var share = cell.NTotal is > 0 ? (double)cell.NMismatch!.Value / cell.NTotal.Value : 0;
        var alpha = cell.Status == CrossCellStatus.Fail ? 0.25 + (0.75 * share) : Math.Min(0.6, share * 4);
        var colour = cell.Status == CrossCellStatus.Fail || share > 0 ? "207,34,46" : "26,127,55";
        var tint = cell.NMismatch == 0 ? 0.18 : alpha;
        return string.Create(
            CultureInfo.InvariantCulture,
            $"<td class=\"cell {status}\" data-generator=\"{Esc(cell.Generator)}\" data-validator=\"{Esc(cell.Validator)}\" style=\"background: rgba({colour},{tint:0.00})\" " +
            $"title=\"{Esc(cell.Judgement.Headline)}\">{Esc(cell.StatusText)}<br><small>{cell.NMismatch}/{cell.NTotal}</small>{Margin(cell)}</td>");
    }

    // Under decode the evidence is the claimed margin, not a distance: the cell shows its largest, beside the count.
    private static string Margin(CrossCell cell) => cell.DecodeScores is { Count: > 0 } scores
        ? string.Create(CultureInfo.InvariantCulture, $"<br><small class=\"margin\">max margin {scores.Max(s => s.MarginMax):0.0000}</small>")
        : string.Empty;

    // One strip per pair on one scale: the range to the largest distance, the p99 and the median, and the threshold.
    private static string Distances(CrossMatrix matrix)
    {
        var pairs = matrix.Distances;
        if (pairs.Count == 0)
        {
            return "<p class=\"muted\">no two sources have vectors to compare</p>";
        }

        var threshold = matrix.Plan.StatTest.DistThreshold;
        var top = Math.Max(threshold * 1.25, pairs.Max(p => p.Summary.Max is { } m && double.IsFinite(m) ? m : 0));
        var ticks = AxisTicks.UpTo(top);
        top = ticks[^1];
        const double Left = 230, Width = 560, Row = 22;
        double X(double d) => Left + (Math.Min(d, top) / top * Width);
        var (legend, rows) = SvgLegend.Draw(Left, 6, [
            new LegendEntry("from 0 to the largest distance", "range"),
            new LegendEntry("median", "median"),
            new LegendEntry("p99 beyond the threshold", "beyond"),
            new LegendEntry(string.Create(CultureInfo.InvariantCulture, $"dist_threshold {threshold}"), "threshold", Stroke: true),
        ]);
        var first = 12 + (rows * SvgLegend.RowHeight);
        var bottom = first + (pairs.Count * Row);
        var svg = new StringBuilder(Open((int)bottom + 46, "distance per pair against the threshold"));
        svg.Append(legend);
        for (var i = 0; i < pairs.Count; i++)
        {
            var p = pairs[i];
            var s = p.Summary;
            var y = first + (i * Row);
            svg.Append(Text(Left - 6, y + 12, Fit($"{p.First} ~ {p.Second}", Left - 12), "label", "end"));
            if (s.Max is { } max && s.Median is { } median && s.P99 is { } p99)
            {
                var tip = string.Create(CultureInfo.InvariantCulture, $"{p.First} ~ {p.Second}: median {median:0.0000}, p99 {p99:0.0000}, max {max:0.0000}; {s.Above}/{s.Compared} beyond {threshold}");
                svg.Append(Rect(Left, y + 4, Math.Max(1, X(max) - Left), 10, "range", tip));
                svg.Append(Rect(X(median) - 1.5, y + 1, 3, 16, "median", tip));
                svg.Append(Rect(X(p99) - 1, y + 1, 2, 16, s.Above > 0 ? "beyond" : "median", tip));
                svg.Append(Text(Left + Width + 8, y + 12, s.Above == 0 ? "0 beyond" : $"{s.Above}/{s.Compared} beyond", "label"));
            }
        }

        svg.Append(Line(X(threshold), first - 4, X(threshold), bottom, "threshold"));
        svg.Append(HtmlCharts.XAxis(bottom, ticks, N, "L2 distance between the two sources' vectors of a nonce", Left, Width));
        svg.Append("</svg>");
        return svg.ToString();
    }
}
