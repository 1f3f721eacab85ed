using System.Globalization;

namespace MlNode.Tasks.Common;

/// <summary>The ways the tool writes a number of seconds, each for its reader, all culture-invariant.</summary>
internal static class Durations
{
    /// <summary>For progress and summary lines: one decimal, "2.1s".</summary>
    public static string Short(double seconds) => string.Create(CultureInfo.InvariantCulture, $"{seconds:0.0}s");

    /// <summary>For limits the user set: whole seconds when whole ("7200s"), else one decimal ("0.5s").</summary>
    public static string Limit(TimeSpan limit) => Limit(limit.TotalSeconds);

    /// <summary>A duration as people say it (see <see cref="Human(double)"/>).</summary>
    public static string Human(TimeSpan duration) => Human(duration.TotalSeconds);

    /// <summary>A limit in seconds: whole seconds without decimals.</summary>
    public static string Limit(double seconds) => seconds == Math.Floor(seconds) ? string.Create(CultureInfo.InvariantCulture, $"{seconds:0}s") : Short(seconds);

    /// <summary>For machine-read files (JUnit's time attribute): seconds with milliseconds, no unit, "2.054".</summary>
    public static string Exact(double seconds) => seconds.ToString("0.000", CultureInfo.InvariantCulture);

    /// <summary>Whole units for long spans: <c>2h 15m</c>, <c>8m 5s</c>, <c>45s</c>.</summary>
    public static string Human(double seconds)
    {
        var total = (long)Math.Max(0, Math.Round(seconds));
        var (h, m, s) = (total / 3600, total % 3600 / 60, total % 60);
        return h > 0 ? string.Create(CultureInfo.InvariantCulture, $"{h}h {m}m")
            : m > 0 ? string.Create(CultureInfo.InvariantCulture, $"{m}m {s}s")
            : string.Create(CultureInfo.InvariantCulture, $"{s}s");
    }
}
