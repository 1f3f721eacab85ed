using System.Globalization;
using MlNode.Tasks.Reports;

namespace MlNode.Tasks.Phases;

/// <summary>
/// Whether a measurement window measured anything. The replicas measured are those GENERATING when the window opened
/// (a backend the proxy could not reach is left out, and reported, by the phase). Throughput is the phase's result,
/// so a window in which a measured replica stopped generating, the set of backends changed, or the counters did not
/// advance is no measurement at all: it is an error that says what happened, never a rate of 0 that passes.
/// </summary>
internal static class MeasurementCheck
{
    /// <summary>A window at least this long must see every counter advance (a batch takes seconds, not minutes).</summary>
    public const double StallWindowSeconds = 5;

    /// <summary>The status of a replica that generates.</summary>
    public const string Generating = "GENERATING";

    private const string Idle = "IDLE";

    /// <summary>The replicas a window measures: those generating when it opened.</summary>
    public static IReadOnlyList<int?> Measured(ThroughputSample windowStart)
    {
        ArgumentNullException.ThrowIfNull(windowStart);
        return [.. Enumerable.Range(0, windowStart.BackendCount).Where(i => windowStart.PerBackendStatus[i] == Generating).Select(i => windowStart.Ports[i])];
    }

    /// <summary>The backends listed but not generating when the window opened.</summary>
    public static IReadOnlyList<UnhealthyBackend> Unhealthy(ThroughputSample windowStart)
    {
        ArgumentNullException.ThrowIfNull(windowStart);
        return [.. Enumerable.Range(0, windowStart.BackendCount)
            .Where(i => windowStart.PerBackendStatus[i] != Generating)
            .Select(i => new UnhealthyBackend(windowStart.Ports[i], windowStart.PerBackendStatus[i], windowStart.Detail(i)))];
    }

    /// <summary>
    /// Null while a later sample still shows every measured replica generating and no backend that was not there
    /// when the window opened; otherwise what happened, in one clause.
    /// </summary>
    public static string? Departure(ThroughputSample windowStart, ThroughputSample sample)
    {
        ArgumentNullException.ThrowIfNull(windowStart);
        ArgumentNullException.ThrowIfNull(sample);
        var measured = Measured(windowStart);
        var at = string.Create(CultureInfo.InvariantCulture, $"at {sample.ElapsedSeconds:0.0}s");
        if (measured.Any(p => !sample.Ports.Contains(p)) || sample.Ports.Any(p => !windowStart.Ports.Contains(p)))
        {
            return $"the set of backends changed during the measurement window (ports [{Ports(windowStart.Ports)}] became [{Ports(sample.Ports)}] {at}): " +
                $"vLLM was restarted or redeployed, by another client?";
        }

        var left = measured.Select(p => ThroughputSummaries.IndexOf(sample, p)).Where(i => sample.PerBackendStatus[i] != Generating).ToList();
        if (left.FirstOrDefault(i => sample.PerBackendStatus[i] != Idle, -1) is var failed and >= 0)
        {
            // A replica that fails mid-window is the node's fault, not another client's.
            return $"replica {Port(sample.Ports[failed])} went to {sample.PerBackendStatus[failed]} {at}: {sample.Detail(failed) ?? "the proxy gave no detail"}";
        }

        return left.Count > 0
            ? $"generation stopped during the measurement window ({string.Join(", ", left.Select(i => $"port {Port(sample.Ports[i])} was {sample.PerBackendStatus[i]}"))} {at}): " +
                $"another client is using this node?"
            : null;
    }

    /// <summary>Null when the window is a measurement; otherwise what went wrong, in one clause.</summary>
    /// <param name="windowStart">The sample that opened the window.</param>
    /// <param name="samples">The window's samples.</param>
    public static string? Problem(ThroughputSample? windowStart, IReadOnlyList<ThroughputSample> samples)
    {
        ArgumentNullException.ThrowIfNull(samples);
        if (windowStart is null || samples.Count == 0)
        {
            return "no sample was taken in the measurement window";
        }

        if (samples.Select(s => Departure(windowStart, s)).FirstOrDefault(d => d is not null) is { } departure)
        {
            return departure;
        }

        // Counters move in whole batches, so over a short window a generating backend may legitimately show none;
        // a still counter counts once the window is long enough to have seen batches, or the backend reports no rate.
        var last = samples[^1];
        var window = last.ElapsedSeconds - windowStart.ElapsedSeconds;
        var stalled = Measured(windowStart)
            .Where(p => Counter(last, p) <= Counter(windowStart, p))
            .Where(p => window >= StallWindowSeconds || samples.All(s => s.PerBackendNoncesPerSecond[ThroughputSummaries.IndexOf(s, p)] <= 0))
            .ToList();
        if (stalled.Count > 0)
        {
            return $"the total_processed counters did not advance during the measurement window (port {Ports(stalled)}): the backends report GENERATING but produce no nonces";
        }

        return null;
    }

    /// <summary>
    /// The rate the node reports and the rate its counters show may differ by noise and smoothing, not by this factor:
    /// beyond it one of the two is made up (a proxy that inflates total_processed, or invents rates).
    /// </summary>
    public const double RateDisagreementFactor = 2;

    /// <summary>
    /// Counters move in whole batches, so over a short window (a poll slowed by retries can leave a fraction of a
    /// second) a counter may be off by about one batch per replica, whatever the rate: that much is never a lie.
    /// </summary>
    public const double CounterSlackPerReplica = 64;

    /// <summary>A sample's first impossible rate (not a number, infinite or negative), in one clause; null when every rate is possible.</summary>
    public static string? ImpossibleRate(ThroughputSample sample)
    {
        ArgumentNullException.ThrowIfNull(sample);
        for (var i = 0; i < sample.BackendCount; i++)
        {
            var rate = sample.PerBackendNoncesPerSecond[i];
            if (!double.IsFinite(rate) || rate < 0)
            {
                return string.Create(CultureInfo.InvariantCulture, $"replica {Port(sample.Ports[i])} reported nonces_per_second={rate} at {sample.ElapsedSeconds:0.0}s, which no replica can generate");
            }
        }

        return null;
    }

    /// <summary>
    /// The lying-node check of a measured window: null when the node's numbers hold together; otherwise what does not,
    /// in one clause. Counters must not run backwards, and the summed reported rate and the counter-based rate must
    /// agree within <see cref="RateDisagreementFactor"/>, give or take <see cref="CounterSlackPerReplica"/> nonces per
    /// replica (each sample's rates were checked by <see cref="ImpossibleRate"/>).
    /// </summary>
    public static string? Incoherence(ThroughputSample windowStart, IReadOnlyList<ThroughputSample> samples, ThroughputSummary summary)
    {
        ArgumentNullException.ThrowIfNull(windowStart);
        ArgumentNullException.ThrowIfNull(samples);
        ArgumentNullException.ThrowIfNull(summary);
        var last = samples.Count > 0 ? samples[^1] : windowStart;
        var backwards = Measured(windowStart).Where(p => last.Ports.Contains(p) && Counter(last, p) < Counter(windowStart, p)).ToList();
        if (backwards.Count > 0)
        {
            return $"the total_processed counter of replica {Ports(backwards)} went backwards during the measurement window";
        }

        if (summary.CounterRate is { } counter && summary.AverageSum > 0 && summary.WindowSeconds > 0 && Disagree(counter, summary))
        {
            return string.Create(
                CultureInfo.InvariantCulture,
                $"the node reports {summary.AverageSum:0.##} nonces/s but its total_processed counters advanced at {counter:0.##} nonces/s, " +
                $"more than {RateDisagreementFactor:0.#}x apart; one of the two is made up");
        }

        return null;
    }

    // Nonces the counters say were made against those the reported rate implies, with a batch's slack per replica.
    private static bool Disagree(double counterRate, ThroughputSummary summary)
    {
        var expected = summary.AverageSum * summary.WindowSeconds;
        var observed = counterRate * summary.WindowSeconds;
        var slack = CounterSlackPerReplica * Math.Max(1, summary.Backends);
        return observed > (expected * RateDisagreementFactor) + slack || observed < (expected / RateDisagreementFactor) - slack;
    }

    private static long Counter(ThroughputSample sample, int? port) => sample.PerBackendTotalProcessed[ThroughputSummaries.IndexOf(sample, port)];

    private static string Ports(IEnumerable<int?> ports) => string.Join(", ", ports.Select(Port));

    private static string Port(int? port) => port?.ToString(CultureInfo.InvariantCulture) ?? "?";
}
