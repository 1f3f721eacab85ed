using System.Diagnostics;
using MlNode.Simulator;

namespace MlNode.Bench.Figures;

/// <summary>
/// F1: what the tool adds to a full run beyond the waits the node and the arguments impose: download 3 s, deploy
/// 4 s, warm-up 2 s, measurement 4 s at 1 s samples, the node's stop grace, 32 vectors; no process start-up.
/// </summary>
public sealed class OverheadFigure : Figure
{
    public override int Number => 1;

    public override string Title => "orchestration overhead";

    public override async Task RunAsync()
    {
        using var lab = new Lab();
        var options = new SimulatorOptions { DownloadSeconds = 3, DeploySeconds = 4, StopSeconds = 0.3 };
        var reference = await lab.BakeFromTrustedAsync(32, "ref32.json");

        // Two replicas finish their batches 0.3 s and 0.45 s after /pow/stop: the last one bounds the node's grace.
        var imposed = options.DownloadSeconds + options.DeploySeconds + 2 + 4 + (options.StopSeconds * 1.5);
        var overheads = new List<double>();
        for (var i = 0; i < 5; i++)
        {
            await using var node = await Lab.NodeAsync(options);
            var watch = Stopwatch.StartNew();
            var outcome = await lab.RunAsync(node.BaseUrl, reference, ["warmup-seconds=2", "measure-seconds=4", "sample-interval=1"]);
            var wall = watch.Elapsed.TotalSeconds;
            overheads.Add(wall - imposed);
            Detail($"run {i + 1}: {outcome.Verdict.Text}, wall {S(wall)}, imposed {S(imposed)}, overhead {S(wall - imposed)}");
        }

        var median = Stats.Median(overheads);
        Report($"median {S(median)} over 5 runs (min {S(overheads.Min())}, max {S(overheads.Max())})", "< 0.5 s, median of 5", median < 0.5);
    }
}
