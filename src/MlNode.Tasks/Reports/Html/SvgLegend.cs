using System.Text;
using static MlNode.Tasks.Reports.Html.Svg;

namespace MlNode.Tasks.Reports.Html;

/// <summary>One entry of a chart's legend: a swatch (a filled square) or a stroke (a short line) in a CSS class, and what it means.</summary>
/// <param name="Label">What the mark stands for, in words.</param>
/// <param name="Css">The CSS class the chart draws that series or area with.</param>
/// <param name="Stroke">A line (series, reference line) rather than a filled area.</param>
/// <param name="Overlay">A class drawn over the swatch, for shading that only means something on top of a bar.</param>
internal sealed record LegendEntry(string Label, string Css, bool Stroke = false, string? Overlay = null);

/// <summary>
/// A chart's visible legend, laid out from the labels' estimated widths (12 px text): entries run left to right and
/// wrap before they would leave the picture, so no entry is drawn over another whatever the labels say.
/// </summary>
internal static class SvgLegend
{
    /// <summary>The height one row of entries takes.</summary>
    public const int RowHeight = 20;

    /// <summary>Draws the legend in a <c>g.legend</c> from (<paramref name="x"/>, <paramref name="y"/>) and says how many rows it took.</summary>
    public static (string Svg, int Rows) Draw(double x, double y, IEnumerable<LegendEntry> entries, double right = Width - 10)
    {
        var svg = new StringBuilder("<g class=\"legend\">");
        var (cx, row) = (x, 0);
        foreach (var entry in entries)
        {
            var width = 18 + TextWidth(entry.Label) + 18;
            if (cx > x && cx + width > right)
            {
                (cx, row) = (x, row + 1);
            }

            var top = y + (row * RowHeight);
            svg.Append(entry.Stroke ? Line(cx, top + 7, cx + 14, top + 7, "swatch " + entry.Css) : Rect(cx, top + 1, 12, 12, "swatch " + entry.Css));
            if (entry.Overlay is { } overlay)
            {
                svg.Append(Rect(cx, top + 1, 12, 12, "swatch " + overlay));
            }

            svg.Append(Text(cx + 18, top + 11, entry.Label, "label legend-label"));
            cx += width;
        }

        return (svg.Append("</g>").ToString(), row + 1);
    }

    /// <summary>How wide a 12 px label is drawn, overestimated a little so that layouts built on it never touch.</summary>
    public static double TextWidth(string text) => (text?.Length ?? 0) * 7.0;
}
