using System.Globalization;
using System.Text;

namespace MlNode.Tasks.Metrics;

/// <summary>
/// Writes gauges in Prometheus' text exposition format 0.0.4, the body a Pushgateway takes: per metric a <c># HELP</c>
/// and a <c># TYPE</c> line, then one sample line per label set. Written here rather than with a client library: the
/// format is small and specified, and a library would bring its own dependency graph into every script that loads the
/// addin.
/// </summary>
internal static class TextExposition
{
    /// <summary>The Content-Type of a body in this format.</summary>
    public const string ContentType = "text/plain; version=0.0.4; charset=utf-8";

    /// <summary>Renders the families that have samples; a family without any is left out entirely.</summary>
    public static string Render(IEnumerable<GaugeFamily> families)
    {
        ArgumentNullException.ThrowIfNull(families);
        var text = new StringBuilder();
        foreach (var family in families.Where(f => f.Samples.Count > 0))
        {
            text.Append("# HELP ").Append(family.Name).Append(' ').Append(EscapeHelp(family.Help)).Append('\n');
            text.Append("# TYPE ").Append(family.Name).Append(" gauge\n");
            foreach (var (values, value) in family.Samples)
            {
                text.Append(family.Name);
                if (values.Length > 0)
                {
                    text.Append('{');
                    for (var i = 0; i < values.Length; i++)
                    {
                        text.Append(i == 0 ? "" : ",").Append(family.Labels[i]).Append("=\"").Append(EscapeLabelValue(values[i])).Append('"');
                    }

                    text.Append('}');
                }

                text.Append(' ').Append(Number(value)).Append('\n');
            }
        }

        return text.ToString();
    }

    /// <summary>A sample value as the format spells it (Go's float syntax: <c>+Inf</c>, <c>-Inf</c>, <c>NaN</c>).</summary>
    public static string Number(double value) => value switch
    {
        double.PositiveInfinity => "+Inf",
        double.NegativeInfinity => "-Inf",
        _ when double.IsNaN(value) => "NaN",
        _ => value.ToString("R", CultureInfo.InvariantCulture),
    };

    // A label value may hold anything (a node id comes from an Admin API): backslash, double quote and line feed are
    // the three characters the format escapes, and no other can end the value early.
    private static string EscapeLabelValue(string value) =>
        value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);

    private static string EscapeHelp(string help) =>
        help.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);
}
