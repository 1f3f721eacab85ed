namespace MlNode.Tasks.Reports.Html;

/// <summary>Round tick values (1, 2 or 5 times a power of ten) from zero to a chart's top, so a value can be read off the axis.</summary>
internal static class AxisTicks
{
    /// <summary>About <paramref name="count"/> ticks covering 0..<paramref name="max"/>; the last is the first round value at or above it.</summary>
    public static IReadOnlyList<double> UpTo(double max, int count = 5)
    {
        if (!(max > 0) || !double.IsFinite(max))
        {
            return [0, 1];
        }

        var rough = max / count;
        var power = Math.Pow(10, Math.Floor(Math.Log10(rough)));
        var step = new[] { 1, 2, 5, 10 }.Select(f => f * power).First(s => s >= rough);
        var ticks = new List<double>();
        for (var i = 0; ; i++)
        {
            var tick = Math.Round(i * step, 10);
            ticks.Add(tick);
            if (tick >= max - (step * 1e-9))
            {
                return ticks;
            }
        }
    }
}
