using System.Globalization;
using System.Text;
using MlNode.Tasks.Configuration;
using static MlNode.Tasks.Reports.Html.Svg;

namespace MlNode.Tasks.Reports.Html;

/// <summary>
/// validate_report.html: one self-contained page (inline CSS and SVG, no script, nothing loaded from anywhere) for a
/// release engineer opening the CI artifact: the verdict as a banner, the contract's summary with the same values as
/// validate_report.txt, the phase timeline, the throughput and per-replica charts, the fraud-test margin, every
/// mismatched nonce, links to the folder's other files, and every setting with its source. Readable printed and dark.
/// </summary>
internal static class HtmlReport
{
    private const string Style = """
        :root { color-scheme: light dark; --fg: #1b1f24; --bg: #ffffff; --muted: #5b6470; --line: #d0d7de; --pass: #1a7f37; --fail: #cf222e; --warn: #bf8700; --info: #0969da; --series: #6e7781; }
        @media (prefers-color-scheme: dark) {
          :root { --fg: #e6edf3; --bg: #0d1117; --muted: #9198a1; --line: #30363d; --pass: #3fb950; --fail: #f85149; --warn: #d29922; --info: #58a6ff; --series: #8b949e; }
        }
        * { box-sizing: border-box; }
        body { margin: 0 auto; max-width: 1000px; padding: 16px; font: 14px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; color: var(--fg); background: var(--bg); overflow-wrap: anywhere; }
        h1 { font-size: 20px; margin: 0 0 8px; } h2 { font-size: 16px; margin: 24px 0 8px; border-bottom: 1px solid var(--line); padding-bottom: 4px; }
        .banner { padding: 14px 18px; border-radius: 8px; color: #fff; font-size: 22px; font-weight: 600; margin: 8px 0 4px; }
        .banner.pass { background: var(--pass); } .banner.fail { background: var(--fail); } .banner.error { background: var(--fail); } .banner.skipped { background: var(--muted); }
        .banner.mismatches, .banner.gate { background: var(--warn); }
        .banner p { margin: 6px 0 0; font-size: 15px; font-weight: 400; overflow-wrap: anywhere; }
        .banner small { display: block; font-size: 14px; font-weight: 400; }
        .gate { font-weight: 600; } .gate.fail { color: var(--fail); } .gate.pass { color: var(--pass); }
        pre { white-space: pre-wrap; background: color-mix(in srgb, var(--line) 25%, transparent); padding: 10px; border-radius: 6px; font-size: 12.5px; }
        table { border-collapse: collapse; width: 100%; font-size: 13px; } td, th { border-bottom: 1px solid var(--line); padding: 3px 6px; text-align: left; vertical-align: top; }
        .muted { color: var(--muted); } .warn { color: var(--warn); }
        svg.chart { width: 100%; height: auto; display: block; }
        svg .label, svg .axis { fill: var(--fg); font-size: 12px; } svg .axis { fill: var(--muted); } svg .label.warn { fill: var(--warn); }
        svg .label.skipped { fill: var(--muted); font-style: italic; }
        svg .axis-line { stroke: var(--muted); } svg .grid { stroke: var(--line); stroke-dasharray: 2 3; } svg .axis-title { font-style: italic; } svg .band { fill: var(--info); opacity: .2; }
        svg .series { fill: none; stroke-width: 1.6; } svg .series.sum { stroke: var(--info); stroke-width: 2.4; } svg .series.replica { stroke: var(--series); }
        svg .series.replica.slow { stroke: var(--warn); stroke-width: 2.2; }
        svg .reference { stroke-dasharray: 6 4; stroke-width: 1.5; } svg .reference.counter { stroke: var(--pass); } svg .reference.baseline { stroke: var(--warn); }
        svg .reference.median { stroke: var(--muted); }
        svg .phase-bar { fill: var(--info); } svg .phase-bar.failed, svg .phase-bar.interrupted { fill: var(--fail); } svg .window.warmup { fill: #fff; opacity: .35; }
        svg .window.measure { fill: var(--pass); opacity: .45; }
        svg .bar.reported { fill: var(--info); } svg .bar.counter { fill: var(--pass); } svg .bar.slow { fill: var(--warn); }
        svg .margin-pass { fill: var(--pass); opacity: .25; } svg .margin-fraud { fill: var(--fail); opacity: .45; } svg .observed { stroke: var(--fg); stroke-width: 3; }
        @media print { body { max-width: none; } .banner { color: #000; border: 2px solid #000; background: none !important; } }
        """;

    /// <summary>
    /// The start of a self-contained page: nothing may be loaded from anywhere (the policy forbids scripts, fetches
    /// and external styles), the shared style plus <paramref name="extraStyle"/>, and the title.
    /// </summary>
    internal static string Head(string title, string extraStyle = "") =>
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">" +
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; img-src data:\">" +
        $"<title>{Esc(title)}</title><style>{Style}{MismatchCharts.Style}{extraStyle}</style></head><body>";

    /// <summary>Renders the page for a run as it stands (a running run renders too: its verdict says so).</summary>
    /// <param name="report">The run.</param>
    /// <param name="summary">Its text summary (validate_report.txt), shown as is so both say the same.</param>
    public static string Render(RunReport report, string summary)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(summary);
        var s = report.Settings;
        var judgement = report.Judgement;
        var html = new StringBuilder(Head($"MLNode validation: {judgement.Label} – {s.Model.Value}"));
        html.Append("<h1>MLNode PoC validation report</h1>");
        html.Append(Banner(judgement, $"{s.Model.Value} on {s.Node.Display}"));
        if (report.Node is { } node)
        {
            html.Append(CultureInfo.InvariantCulture, $"<p id=\"node\">node software: {Esc(node.Line)}</p>");
        }

        if (report.GateLine is { } gate)
        {
            html.Append(CultureInfo.InvariantCulture, $"<p class=\"gate {(report.Gates.All(g => g.Passed) ? "pass" : "fail")}\">{Esc(gate)}</p>");
        }

        html.Append("<h2>Phases</h2>").Append(HtmlCharts.Timeline(report));
        html.Append("<h2>Throughput</h2>").Append(HtmlCharts.Throughput(report)).Append(HtmlCharts.Replicas(report));
        foreach (var slow in report.Throughput.Summary?.SlowReplicas ?? [])
        {
            html.Append(CultureInfo.InvariantCulture, $"<p class=\"warn\">{Esc(slow)}</p>");
        }

        var (margin, sentence) = HtmlCharts.Margin(report);
        html.Append("<h2>Fraud-test margin</h2>").Append(margin).Append(CultureInfo.InvariantCulture, $"<p id=\"margin\">{Esc(sentence)}</p>");
        if (report.Validation.Anatomy is { } anatomy)
        {
            html.Append("<h2>Why the mismatches</h2>").Append(CultureInfo.InvariantCulture, $"<p id=\"why\"><b>{Esc(anatomy.Kind)}</b>: {Esc(anatomy.Cause)} <i>Next:</i> {Esc(anatomy.NextStep)}</p>");
            html.Append(CultureInfo.InvariantCulture, $"<ul>{string.Concat(anatomy.Evidence.Select(e => $"<li>{Esc(e)}</li>"))}</ul>");
            html.Append(MismatchCharts.Residues(report));
        }

        if (report.Validation.Local is not null)
        {
            html.Append("<h2>Distances of the node's own vectors</h2>").Append(MismatchCharts.Histogram(report));
        }

        if (report.Validation.Decode is { } decode)
        {
            html.Append("<h2>Decode margins</h2>").Append(DecodeCharts.Margins(report));
            html.Append(CultureInfo.InvariantCulture, $"<p id=\"decode\">{decode.StepMismatchShare:P2} of the scored steps differ; ")
                .Append(CultureInfo.InvariantCulture, $"{decode.Scores.Count(s => s.MismatchingSteps > 0)} of {decode.NTotal} nonces have a differing step, ")
                .Append(CultureInfo.InvariantCulture, $"{decode.NMismatch} of them with a claimed margin above τ {decode.StatTest.DistThreshold}.</p>");
            if (decode.Cause() is { } cause)
            {
                html.Append(CultureInfo.InvariantCulture, $"<p id=\"why\"><b>why</b>: {Esc(cause.Line)}</p>");
            }
        }

        if (report.Validation.MismatchNonces.Count > 0)
        {
            // Twenty on the page, the rest one click away: a thousand numbers in a row are a wall, not evidence.
            var nonces = report.Validation.MismatchNonces;
            html.Append(CultureInfo.InvariantCulture, $"<p>mismatched nonces ({nonces.Count}): <code>{Esc(string.Join(", ", nonces.Take(20)))}</code></p>");
            if (nonces.Count > 20)
            {
                html.Append(CultureInfo.InvariantCulture, $"<details><summary>all {nonces.Count}</summary><code>{Esc(string.Join(", ", nonces))}</code></details>");
            }
        }

        html.Append("<h2>Summary</h2>").Append(CultureInfo.InvariantCulture, $"<pre id=\"summary\">{Esc(summary)}</pre>");
        html.Append("<h2>Files</h2><ul>");
        foreach (var file in new[] { ExperimentDirectory.ConfigFile, ExperimentDirectory.ReportFile, ExperimentDirectory.TextFile, ExperimentDirectory.JUnitFile })
        {
            html.Append(CultureInfo.InvariantCulture, $"<li><a href=\"{Esc(file)}\">{Esc(file)}</a></li>");
        }

        html.Append(CultureInfo.InvariantCulture, $"</ul><p>reference: <code>{Esc(s.Reference.FilePath)}</code><br>sha256: <code>{Esc(s.Reference.Sha256)}</code></p>");
        html.Append("<h2>Settings</h2><table><tr><th>argument</th><th>value</th><th>source</th></tr>");
        foreach (var setting in s.Provenance)
        {
            html.Append(CultureInfo.InvariantCulture, $"<tr><td>--{Esc(setting.Name)}</td><td>{Esc(setting.Value)}</td><td>{Esc(setting.Source.Display())}</td></tr>");
        }

        html.Append("</table>");
        html.Append(CultureInfo.InvariantCulture, $"<p class=\"muted\">written by MlNode.Tasks {Esc(Documents.ToolInfo.Current.Version)} at " +
            $"{Esc((report.FinishedAt ?? report.StartedAt).ToString("o", CultureInfo.InvariantCulture))}</p>");
        html.Append("</body></html>\n");
        return report.Redactor.Redact(html.ToString());
    }

    /// <summary>
    /// The first block of every page: the label, then what it rests on and why, then the next step, so a reader has
    /// the whole judgement before any chart.
    /// </summary>
    /// <param name="judgement">The judgement.</param>
    /// <param name="subject">What was judged (model on node, a fleet, a matrix), as plain text.</param>
    public static string Banner(Judging.Judgement judgement, string subject)
    {
        ArgumentNullException.ThrowIfNull(judgement);
        var html = new StringBuilder();
        html.Append(CultureInfo.InvariantCulture, $"<div class=\"banner {judgement.Style}\" id=\"verdict\">{Esc(judgement.Label)}<small>{Esc(subject)}</small>");
        if (judgement.Because is { } because)
        {
            html.Append(CultureInfo.InvariantCulture, $"<p class=\"because\" id=\"because\">{Esc(because)}</p>");
        }

        if (judgement.NextStep is { } next)
        {
            html.Append(CultureInfo.InvariantCulture, $"<p class=\"next\" id=\"next\"><b>Next:</b> {Esc(next)}</p>");
        }

        return html.Append("</div>").ToString();
    }

}
