using System.Globalization;
using MlNode.Tasks.Configuration;
using MlNode.Tasks.Reports;

namespace MlNode.Tasks.Gates;

/// <summary>
/// Judges a finished run's throughput against the gates asked for. The validation verdict is not touched; a gate
/// that cannot be judged (the throughput phase did not run) is an error, since the user asked for it.
/// </summary>
internal static class GateEvaluator
{
    /// <summary>The gates' outcomes, in a fixed order.</summary>
    /// <exception cref="Common.MlNodeException">A gate was asked for but the run measured no throughput.</exception>
    public static IReadOnlyList<GateResult> Evaluate(RunReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var gates = report.Settings.Gates;
        if (!gates.Any)
        {
            return [];
        }

        var summary = report.Throughput.Summary;
        if (report.Phases[Phase.Throughput].State != PhaseState.Completed || summary is null)
        {
            var why = report.Phases[Phase.Throughput].Reason ?? "it did not complete";
            throw new Common.MlNodeException($"the throughput gates cannot be judged: the throughput phase did not run ({why}); drop the gate arguments or let the phase run");
        }

        var results = new List<GateResult>();
        if (gates.MinThroughput is { } min)
        {
            var (rate, which) = Rate(summary.CounterRate, summary.AverageSum);
            results.Add(new GateResult("min-throughput", min.Value, rate, "n/s", rate >= min.Value, which));
        }

        if (gates.Baseline is { } baseline && gates.MaxThroughputDrop is { } maxDrop)
        {
            var before = baseline.Report.Throughput?.Summary;
            var bothCounters = summary.CounterRate is not null && before?.CounterNoncesPerSecond is not null;
            var now = bothCounters ? summary.CounterRate!.Value : summary.AverageSum;
            var then = bothCounters ? before!.CounterNoncesPerSecond!.Value : before?.AvgSumNoncesPerSecond ?? double.NaN;
            if (!double.IsFinite(then) || then <= 0 || !double.IsFinite(now))
            {
                // A drop from nothing is no drop: a gate that cannot be judged must not pass.
                throw new Common.MlNodeException($"the throughput drop gate cannot be judged against --baseline '{baseline.Path}': its rate is not a positive number; " +
                    $"pass a run whose throughput phase measured one");
            }

            var drop = (then - now) / then * 100;
            var which = string.Create(CultureInfo.InvariantCulture, $"{(bothCounters ? "counter-based" : "reported")} rate {now:0.00} n/s vs {then:0.00} n/s in {baseline.Path}")
                + SoftwareChange(baseline.Report.Node, report.Node);
            results.Add(new GateResult("max-throughput-drop", maxDrop.Value, drop, "%", drop <= maxDrop.Value, which, then));
        }

        if (gates.MaxReplicaSpread is { } maxSpread && summary.Replicas.Count > 1)
        {
            var median = ThroughputSummaries.Median(summary.Replicas.Select(r => r.Rate));
            var slowest = summary.Replicas.Min(r => r.Rate);
            var spread = median > 0 ? (median - slowest) / median * 100 : 0;
            results.Add(new GateResult("max-replica-spread", maxSpread.Value, spread, "%", spread <= maxSpread.Value, string.Create(CultureInfo.InvariantCulture, $"slowest replica {slowest:0.00} " +
                $"n/s, median {median:0.00} n/s")));
        }

        return results;
    }

    private static (double Rate, string Which) Rate(double? counter, double reported) =>
        counter is { } c ? (c, "counter-based rate (total_processed over the window)") : (reported, "reported rate (no counters)");

    // A drop (or a gain) across an upgrade is a different question from one on the same software: say which it is.
    private static string SoftwareChange(Documents.NodeIdentityInfo? before, Documents.NodeIdentityInfo? now) =>
        before is null || now is null || !before.Reported || !now.Reported || before.Short == now.Short
            ? string.Empty
            : $"; the node's software changed in between ({before.Short} -> {now.Short})";
}
