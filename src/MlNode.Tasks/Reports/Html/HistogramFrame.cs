using System.Globalization;
using System.Text;
using static MlNode.Tasks.Reports.Html.Svg;

namespace MlNode.Tasks.Reports.Html;

/// <summary>
/// The frame every nonce histogram of the run page shares (the distances of prefill, the margins of decode): the
/// three-entry legend (within, beyond, the threshold), both axis lines, the count ticks, and the two axis titles.
/// </summary>
/// <param name="Left">Where the plot starts.</param>
/// <param name="Top">Where the plot's top is.</param>
/// <param name="Height">The plot's height.</param>
/// <param name="Plot">The plot's width.</param>
/// <param name="Most">The largest count (the top tick).</param>
internal sealed record HistogramFrame(int Left, int Top, int Height, int Plot, int Most)
{
    /// <summary>The y of a count.</summary>
    public double Y(int count) => Top + Height - (count / (double)Math.Max(Most, 1) * Height);

    /// <summary>Opens the chart and draws the frame: legend, axes and count ticks.</summary>
    public StringBuilder Open(string label, string within, string beyond, string threshold)
    {
        var svg = new StringBuilder(Svg.Open(Top + Height + 64, label));
        svg.Append(SvgLegend.Draw(Left, 6, [
            new LegendEntry(within, "hist"),
            new LegendEntry(beyond, "hist beyond"),
            new LegendEntry(threshold, "threshold", Stroke: true),
        ]).Svg);
        svg.Append(Line(Left, Top + Height, Left + Plot, Top + Height, "axis-line")).Append(Line(Left, Top, Left, Top + Height, "axis-line"));
        foreach (var tick in new[] { 0, Most / 2, Most }.Distinct())
        {
            svg.Append(Text(Left - 6, Y(tick) + 4, tick.ToString(CultureInfo.InvariantCulture), "axis", "end"));
        }

        return svg;
    }

    /// <summary>Draws the threshold at <paramref name="x"/> and the axis titles, and closes the chart.</summary>
    public string Close(StringBuilder svg, double x, string xTitle)
    {
        ArgumentNullException.ThrowIfNull(svg);
        svg.Append(Line(x, Top - 4, x, Top + Height, "threshold"));
        svg.Append(Text(Left + (Plot / 2.0), Top + Height + 36, xTitle, "axis axis-title", "middle"));
        svg.Append(Text(4, Top + (Height / 4.0) + 4, "nonces", "axis axis-title"));
        return svg.Append("</svg>").ToString();
    }
}
