using System.Globalization;

namespace MlNode.Tasks.Reports;

/// <summary>
/// The numbers of a measurement window: the summed rates the node reported, each replica's rate from its
/// total_processed counter (exact, whatever the noise of the reported rates), and the replicas well below the median.
/// </summary>
internal static class ThroughputSummaries
{
    /// <summary>A replica below this share of the median replica is called out.</summary>
    public const double SlowReplicaShare = 0.5;

    /// <summary>Computes the summary of a measurement window; exposed for tests.</summary>
    public static ThroughputSummary Summarize(ThroughputSample? windowStart, IReadOnlyList<ThroughputSample> samples)
    {
        ArgumentNullException.ThrowIfNull(samples);
        if (samples.Count == 0)
        {
            return new ThroughputSummary(0, 0, 0, 0, 0, null, 0, [], []);
        }

        var sums = samples.Select(s => s.SumNoncesPerSecond).ToList();
        var last = samples[^1];
        var window = windowStart is null ? 0 : last.ElapsedSeconds - windowStart.ElapsedSeconds;
        var replicas = new List<ReplicaRate>();
        double? counterTotal = window > 0 ? 0 : null;
        for (var i = 0; i < last.BackendCount; i++)
        {
            var port = last.Ports[i];
            var reported = samples.Select(s => RateOf(s, port)).Where(r => r is not null).Select(r => r!.Value).ToList();
            double? counterRate = null;
            if (windowStart is not null && window > 0)
            {
                var startIndex = IndexOf(windowStart, port);
                if (startIndex >= 0 && last.PerBackendTotalProcessed[i] >= windowStart.PerBackendTotalProcessed[startIndex])
                {
                    counterRate = (last.PerBackendTotalProcessed[i] - windowStart.PerBackendTotalProcessed[startIndex]) / window;
                }
            }

            counterTotal = counterRate is null ? null : counterTotal + counterRate;
            replicas.Add(new ReplicaRate(port, reported.Count > 0 ? reported.Average() : 0, counterRate, last.PerBackendNoncesPerSecond[i]));
        }

        return new ThroughputSummary(last.BackendCount, samples.Count, sums.Average(), sums.Min(), sums.Max(), counterTotal, window, replicas, SlowReplicas(replicas));
    }

    private static List<string> SlowReplicas(IReadOnlyList<ReplicaRate> replicas)
    {
        if (replicas.Count < 2)
        {
            return [];
        }

        var median = Median(replicas.Select(r => r.Rate));
        return replicas
            .Where(r => IsSlow(r.Rate, median))
            .Select(r => string.Create(
                CultureInfo.InvariantCulture,
                $"slow replica: backend port {Label(r)} runs at {r.Rate:0.00} n/s, {r.Rate / median:0%} of the median replica ({median:0.00} n/s); check that replica's GPUs"))
            .ToList();
    }

    /// <summary>The median of some rates (the mean of the middle two for an even count; 0 for none).</summary>
    public static double Median(IEnumerable<double> rates)
    {
        var ordered = rates.Order().ToList();
        return ordered.Count == 0 ? 0
            : ordered.Count % 2 == 1 ? ordered[ordered.Count / 2]
            : (ordered[(ordered.Count / 2) - 1] + ordered[ordered.Count / 2]) / 2;
    }

    /// <summary>True for a replica below <see cref="SlowReplicaShare"/> of the median replica: the callout's rule.</summary>
    public static bool IsSlow(double rate, double median) => median > 0 && rate < SlowReplicaShare * median;

    private static string Label(ReplicaRate replica) => replica.Port?.ToString(CultureInfo.InvariantCulture) ?? "?";

    /// <summary>Where a backend (by port) is in a sample, or -1.</summary>
    public static int IndexOf(ThroughputSample sample, int? port)
    {
        for (var i = 0; i < sample.BackendCount; i++)
        {
            if (sample.Ports[i] == port)
            {
                return i;
            }
        }

        return -1;
    }

    private static double? RateOf(ThroughputSample sample, int? port) => IndexOf(sample, port) is var i && i >= 0 ? sample.PerBackendNoncesPerSecond[i] : null;
}
