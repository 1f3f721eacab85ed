using System.Globalization;
using System.Net;
using System.Text;

namespace MlNode.Tasks.Reports.Html;

/// <summary>Small pieces of inline SVG and HTML, culture-invariant and escaped, for the report's charts.</summary>
internal static class Svg
{
    public const int Width = 960;

    public static string Esc(string? text) => WebUtility.HtmlEncode(Common.OutsideText.Escaped(text, keepLineBreaks: true));

    /// <summary>The text cut with an ellipsis to fit <paramref name="width"/> units of 12 px text (the whole text stays in the bar's tooltip).</summary>
    public static string Fit(string text, double width)
    {
        var room = (int)(width / SvgLegend.TextWidth("m"));
        return text.Length <= room ? text : string.Concat(text.AsSpan(0, Math.Max(room - 1, 1)), "…");
    }

    public static string N(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);

    public static string Open(int height, string label) =>
        $"<svg class=\"chart\" role=\"img\" aria-label=\"{Esc(label)}\" viewBox=\"0 0 {Width} {height}\" preserveAspectRatio=\"xMinYMin meet\" xmlns=\"http://www.w3.org/2000/svg\">";

    public static string Text(double x, double y, string text, string cls = "label", string anchor = "start") =>
        $"<text class=\"{cls}\" x=\"{N(x)}\" y=\"{N(y)}\" text-anchor=\"{anchor}\">{Esc(text)}</text>";

    public static string Rect(double x, double y, double w, double h, string cls, string? title = null) =>
        $"<rect class=\"{cls}\" x=\"{N(x)}\" y=\"{N(y)}\" width=\"{N(Math.Max(w, 0))}\" height=\"{N(Math.Max(h, 0))}\">{(title is null ? string.Empty : $"<title>{Esc(title)}</title>")}</rect>";

    public static string Line(double x1, double y1, double x2, double y2, string cls) =>
        $"<line class=\"{cls}\" x1=\"{N(x1)}\" y1=\"{N(y1)}\" x2=\"{N(x2)}\" y2=\"{N(y2)}\"/>";

    public static string Polyline(IEnumerable<(double X, double Y)> points, string cls, string title)
    {
        var text = new StringBuilder();
        foreach (var (x, y) in points)
        {
            text.Append(N(x)).Append(',').Append(N(y)).Append(' ');
        }

        return $"<polyline class=\"{cls}\" points=\"{text.ToString().TrimEnd()}\"><title>{Esc(title)}</title></polyline>";
    }

    public static string Polygon(IEnumerable<(double X, double Y)> points, string cls) =>
        $"<polygon class=\"{cls}\" points=\"{string.Join(' ', points.Select(p => N(p.X) + "," + N(p.Y)))}\"/>";
}
