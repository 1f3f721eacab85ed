using System.Globalization;

namespace MlNode.Tasks.Judging;

/// <summary>The one way a p-value is written for a reader: three significant digits, scientific below 0.001.</summary>
internal static class PValueText
{
    /// <summary>Formats a p-value: 1, 0.0433, 1.0e-17, 0.</summary>
    public static string Format(double p) =>
        double.IsNaN(p) ? "n/a"
        : p == 0 ? "0"
        : p >= 0.001 ? p.ToString("G3", CultureInfo.InvariantCulture)
        : p.ToString("0.0e+0", CultureInfo.InvariantCulture).Replace("e+", "e", StringComparison.Ordinal);
}
