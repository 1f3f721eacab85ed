using System.Globalization;
using System.Text;
using static MlNode.Tasks.Reports.Html.Svg;

namespace MlNode.Tasks.Reports.Html;

/// <summary>
/// What the mismatches look like: the distribution of the node's own distances to the reference with the threshold,
/// and, when the mismatches follow a batch stride, how they fall on the positions of a batch. Legends and axis titles
/// are drawn, not hovered.
/// </summary>
internal static class MismatchCharts
{
    private const int Left = 60;
    private const int Plot = Width - Left - 30;
    private const int Bins = 24;

    /// <summary>The CSS of these charts.</summary>
    public const string Style = """
        svg .hist { fill: var(--info); } svg .hist.beyond { fill: var(--fail); } svg .threshold { stroke: var(--fail); stroke-width: 2; stroke-dasharray: 5 3; }
        svg .residue { fill: var(--series); } svg .residue.stride { fill: var(--fail); } svg .swatch.hist { fill: var(--info); } svg .swatch.hist.beyond { fill: var(--fail); }
        """;

    /// <summary>The histogram of the node's own distances (empty without a local judgement).</summary>
    public static string Histogram(RunReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        if (report.Validation.Local is not { } local || local.NTotal == 0)
        {
            return string.Empty;
        }

        var t = local.StatTest.DistThreshold;
        var finite = local.Distances.Select(d => d.Distance).Where(double.IsFinite).ToList();
        var top = Math.Max(2 * t, finite.DefaultIfEmpty(0).Max()) * 1.02;
        var counts = new int[Bins + 1];
        foreach (var d in local.Distances)
        {
            counts[double.IsFinite(d.Distance) ? Math.Min((int)(d.Distance / top * Bins), Bins - 1) : Bins]++;
        }

        var frame = new HistogramFrame(Left, 30, 170, Plot, Math.Max(counts.Max(), 1));
        var bin = Plot / (double)(Bins + 1);
        double X(double distance) => Left + (distance / top * Plot * Bins / (Bins + 1));
        var svg = frame.Open(
            "distances of the node's own vectors to the reference",
            "nonces within the threshold",
            "nonces beyond it (mismatches)",
            string.Create(CultureInfo.InvariantCulture, $"dist_threshold {t}"));
        var bottom = frame.Top + frame.Height;
        for (var i = 0; i <= Bins; i++)
        {
            var beyond = i == Bins || (i + 1) * top / Bins > t;
            var label = i == Bins ? "not finite" : string.Create(CultureInfo.InvariantCulture, $"{i * top / Bins:0.###}–{(i + 1) * top / Bins:0.###}");
            svg.Append(Rect(Left + (i * bin) + 1, frame.Y(counts[i]), bin - 2, bottom - frame.Y(counts[i]), beyond ? "hist beyond" : "hist", $"{label}: {counts[i]} nonces"));
        }

        foreach (var tick in new[] { 0, top / 4, top / 2, 3 * top / 4 })
        {
            svg.Append(Text(X(tick), bottom + 16, N(tick), "axis", "middle"));
        }

        svg.Append(Text(Left + (Bins * bin) + (bin / 2), bottom + 16, "∞", "axis", "middle"));
        return frame.Close(svg, X(t), "L2 distance of the node's own vector to the reference's, per nonce");
    }

    /// <summary>Mismatches per position in a batch, when they follow a stride (empty otherwise).</summary>
    public static string Residues(RunReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        if (report.Validation.Anatomy?.Stride is not { } stride)
        {
            return string.Empty;
        }

        var mismatches = report.Validation.Local?.MismatchNonces ?? report.Validation.MismatchNonces;
        var counts = new int[stride.Batch];
        foreach (var n in mismatches)
        {
            counts[(int)(((n % stride.Batch) + stride.Batch) % stride.Batch)]++;
        }

        const int Top = 30;
        const int Height = 120;
        var most = Math.Max(counts.Max(), 1);
        var bar = Plot / (double)stride.Batch;
        var svg = new StringBuilder(Open(Top + Height + 56, $"mismatches by position in a batch of {stride.Batch}"));
        svg.Append(SvgLegend.Draw(Left, 6, [
            new LegendEntry($"position {stride.Residue}: {stride.OnStride} of {stride.Mismatches} mismatches", "residue stride"),
            new LegendEntry("every other position", "residue"),
        ]).Svg);
        svg.Append(Line(Left, Top + Height, Left + Plot, Top + Height, "axis-line"));
        for (var r = 0; r < stride.Batch; r++)
        {
            var h = counts[r] / (double)most * Height;
            svg.Append(Rect(Left + (r * bar) + 1, Top + Height - h, Math.Max(bar - 2, 1), h, r == stride.Residue ? "residue stride" : "residue", $"position {r}: {counts[r]} mismatches"));
        }

        svg.Append(Text(Left - 6, Top + 4, most.ToString(CultureInfo.InvariantCulture), "axis", "end")).Append(Text(Left - 6, Top + Height + 4, "0", "axis", "end"));
        foreach (var r in new[] { 0, stride.Batch / 2, stride.Batch - 1 }.Distinct())
        {
            svg.Append(Text(Left + (r * bar) + (bar / 2), Top + Height + 16, r.ToString(CultureInfo.InvariantCulture), "axis", "middle"));
        }

        svg.Append(Text(Left + (Plot / 2.0), Top + Height + 36, $"position of the nonce in its batch (nonce mod {stride.Batch})", "axis axis-title", "middle"));
        return svg.Append("</svg>").ToString();
    }
}
