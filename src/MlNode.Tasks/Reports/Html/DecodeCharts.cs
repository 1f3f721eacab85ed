using System.Globalization;
using System.Text;
using static MlNode.Tasks.Reports.Html.Svg;

namespace MlNode.Tasks.Reports.Html;

/// <summary>
/// Decode PoC's evidence (decode-poc.md): the histogram of the claimed margins (mismatch_margin_max of every nonce with a
/// differing step) with τ marked, so a reader sees whether the disagreements are near ties or substitutions.
/// </summary>
internal static class DecodeCharts
{
    private const int Left = 60;
    private const int Plot = Width - Left - 30;

    /// <summary>The margin histogram (empty without a decode judgement or without a differing step).</summary>
    public static string Margins(RunReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        if (report.Validation.Decode is not { } decode || decode.Histogram is not { Count: > 0 } bins)
        {
            return string.Empty;
        }

        var tau = decode.StatTest.DistThreshold;
        const int Top = 30;
        const int Height = 170;
        var most = Math.Max(bins.Max(b => b.Count), 1);
        var bin = Plot / (double)bins.Count;
        double X(int index) => Left + (index * bin);
        double Y(int count) => Top + Height - (count / (double)most * Height);
        var svg = new StringBuilder(Open(Top + Height + 64, "claimed margins of the nonces with a differing step"));
        svg.Append(SvgLegend.Draw(Left, 6, [
            new LegendEntry("nonces within τ (near ties)", "hist"),
            new LegendEntry("nonces beyond τ (mismatches)", "hist beyond"),
            new LegendEntry(string.Create(CultureInfo.InvariantCulture, $"τ {tau}"), "threshold", Stroke: true),
        ]).Svg);
        svg.Append(Line(Left, Top + Height, Left + Plot, Top + Height, "axis-line")).Append(Line(Left, Top, Left, Top + Height, "axis-line"));
        for (var i = 0; i < bins.Count; i++)
        {
            var b = bins[i];
            var range = i == bins.Count - 1 ? string.Create(CultureInfo.InvariantCulture, $"{b.From:0.####} and more") : string.Create(CultureInfo.InvariantCulture, $"{b.From:0.####}–{b.To:0.####}");
            svg.Append(Rect(X(i) + 1, Y(b.Count), bin - 2, Top + Height - Y(b.Count), b.From >= tau ? "hist beyond" : "hist", $"{range}: {b.Count} nonces"));
        }

        foreach (var tick in new[] { 0, most / 2, most }.Distinct())
        {
            svg.Append(Text(Left - 6, Y(tick) + 4, tick.ToString(CultureInfo.InvariantCulture), "axis", "end"));
        }

        // Every fourth edge is a multiple of τ: those carry the ticks.
        for (var i = 0; i < bins.Count; i += 4)
        {
            svg.Append(Text(X(i), Top + Height + 16, bins[i].From.ToString("0.####", CultureInfo.InvariantCulture), "axis", "middle"));
        }

        var tauIndex = bins.ToList().FindIndex(b => b.From >= tau);
        if (tauIndex >= 0)
        {
            svg.Append(Line(X(tauIndex), Top - 4, X(tauIndex), Top + Height, "threshold"));
        }

        svg.Append(Text(Left + (Plot / 2.0), Top + Height + 36, "largest claimed margin among a nonce's differing steps (mismatch_margin_max)", "axis axis-title", "middle"));
        svg.Append(Text(4, Top + (Height / 4.0) + 4, "nonces", "axis axis-title"));
        return svg.Append("</svg>").ToString();
    }
}
