using System.Globalization;
using MlNode.Simulator;

namespace MlNode.Bench.Figures;

/// <summary>F5: measured system throughput against the simulator's true rate, from reported rates and from counters.</summary>
public sealed class ThroughputAccuracyFigure : Figure
{
    public override int Number => 5;

    public override string Title => "throughput accuracy";

    public override async Task RunAsync()
    {
        using var lab = new Lab();
        var worst = 0.0;
        var parts = new List<string>();
        foreach (var (replicas, tp) in new[] { (1, "8"), (2, "4"), (8, "1") })
        {
            var reference = await lab.BakeFromTrustedAsync(8, $"ref-tp{tp}.json", tp);

            await using var node = await Lab.NodeAsync(new SimulatorOptions { Running = Lab.Model, RunningTp = int.Parse(tp, CultureInfo.InvariantCulture), Rate = 50, RateNoise = 0.02 });
            var outcome = await lab.RunAsync(node.BaseUrl, reference, ["warmup-seconds=1", "measure-seconds=4", "sample-interval=1", "skip-validate="]);
            var truth = node.Pow.Truth().Sum(b => b.TrueRate);
            var summary = outcome.Report.Throughput.Summary!;
            var reported = (summary.AverageSum - truth) / truth;
            var counter = (summary.CounterRate!.Value - truth) / truth;
            worst = Math.Max(worst, Math.Abs(counter));
            var line = string.Create(CultureInfo.InvariantCulture, $"{replicas} replica(s): true {truth:0.00} n/s; reported {summary.AverageSum:0.00} ({reported:+0.00%;-0.00%;0.00%}); counters {summary.CounterRate:0.00} ({counter:+0.00%;-0.00%;0.00%})");
            Detail(line);
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"{replicas}: {counter:+0.00%;-0.00%;0.00%}"));
        }

        Report(string.Create(CultureInfo.InvariantCulture, $"counter-based error {string.Join(", ", parts)} (worst {worst:0.00%})"), "counter-based figure within 1% of truth", worst <= 0.01);
    }
}
