using System.Globalization;
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
        var frame = new HistogramFrame(Left, 30, 170, Plot, Math.Max(bins.Max(b => b.Count), 1));
        var bottom = frame.Top + frame.Height;
        var bin = Plot / (double)bins.Count;
        double X(int index) => Left + (index * bin);
        var svg = frame.Open(
            "claimed margins of the nonces with a differing step",
            "nonces within τ (near ties)",
            "nonces beyond τ (mismatches)",
            string.Create(CultureInfo.InvariantCulture, $"τ {tau}"));
        for (var i = 0; i < bins.Count; i++)
        {
            var b = bins[i];
            var range = i == bins.Count - 1
                ? string.Create(CultureInfo.InvariantCulture, $"{b.From:0.####} and more")
                : string.Create(CultureInfo.InvariantCulture, $"{b.From:0.####}–{b.To:0.####}");
            svg.Append(Rect(X(i) + 1, frame.Y(b.Count), bin - 2, bottom - frame.Y(b.Count), b.From >= tau ? "hist beyond" : "hist", $"{range}: {b.Count} nonces"));
        }

        // Every fourth edge is a multiple of τ: those carry the ticks.
        for (var i = 0; i < bins.Count; i += 4)
        {
            svg.Append(Text(X(i), bottom + 16, bins[i].From.ToString("0.####", CultureInfo.InvariantCulture), "axis", "middle"));
        }

        // τ is always a bin edge (bins are τ/4 wide, at least five of them).
        var tauIndex = bins.ToList().FindIndex(b => b.From >= tau);
        return frame.Close(svg, X(tauIndex), "largest claimed margin among a nonce's differing steps (mismatch_margin_max)");
    }
}
