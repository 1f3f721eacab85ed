using System.Globalization;
using MlNode.Tasks.Reports;

namespace MlNode.Tasks.Phases;

/// <summary>
/// Whether a measurement window measured anything. Throughput is the phase's result, so a window in which a backend
/// stopped generating, the set of backends changed, or the counters did not advance is no measurement at all: it is
/// an error that says what happened (usually another client driving the node), never a rate of 0 that passes.
/// </summary>
public static class MeasurementCheck
{
    /// <summary>A window at least this long must see every counter advance (a batch takes seconds, not minutes).</summary>
    public const double StallWindowSeconds = 5;

    private const string Generating = "GENERATING";

    /// <summary>Null when the window is a measurement; otherwise what went wrong, in one clause.</summary>
    public static string? Problem(ThroughputSample? windowStart, IReadOnlyList<ThroughputSample> samples)
    {
        ArgumentNullException.ThrowIfNull(samples);
        if (windowStart is null || samples.Count == 0)
        {
            return "no sample was taken in the measurement window";
        }

        var ports = windowStart.Ports;
        foreach (var sample in samples.Prepend(windowStart))
        {
            var at = string.Create(CultureInfo.InvariantCulture, $"at {sample.ElapsedSeconds:0.0}s");
            if (!sample.Ports.SequenceEqual(ports))
            {
                return $"the set of backends changed during the measurement window (ports [{Ports(ports)}] became [{Ports(sample.Ports)}] {at}): vLLM was restarted or redeployed, by another client?";
            }

            var idle = Enumerable.Range(0, sample.BackendCount).Where(i => sample.PerBackendStatus[i] != Generating).ToList();
            if (idle.Count > 0)
            {
                var which = string.Join(", ", idle.Select(i => $"port {Port(sample.Ports[i])} was {sample.PerBackendStatus[i]}"));
                return $"generation stopped during the measurement window ({which} {at}): another client is using this node?";
            }
        }

        // Counters move in whole batches, so over a short window a generating backend may legitimately show none;
        // a still counter counts once the window is long enough to have seen batches, or the backend reports no rate.
        var last = samples[^1];
        var window = last.ElapsedSeconds - windowStart.ElapsedSeconds;
        var stalled = Enumerable.Range(0, last.BackendCount)
            .Where(i => last.PerBackendTotalProcessed[i] <= windowStart.PerBackendTotalProcessed[i])
            .Where(i => window >= StallWindowSeconds || samples.All(s => s.PerBackendNoncesPerSecond[i] <= 0))
            .ToList();
        if (stalled.Count > 0)
        {
            return $"the total_processed counters did not advance during the measurement window (port {string.Join(", ", stalled.Select(i => Port(last.Ports[i])))}): the backends report GENERATING but produce no nonces";
        }

        return null;
    }

    private static string Ports(IEnumerable<int?> ports) => string.Join(", ", ports.Select(Port));

    private static string Port(int? port) => port?.ToString(CultureInfo.InvariantCulture) ?? "?";
}
