using MlNode.Simulator;

namespace MlNode.Bench.Figures;

/// <summary>F6: 16 tool processes against 16 simulators at once on this machine, against one run alone.</summary>
public sealed class ConcurrencyFigure : Figure
{
    public override int Number => 6;

    public override string Title => "concurrency";

    public override async Task RunAsync()
    {
        using var lab = new Lab();
        var reference = await lab.BakeFromTrustedAsync(32, "ref32.json");

        var options = new SimulatorOptions { DownloadSeconds = 1, DeploySeconds = 1 };
        string[] Arguments(MlNodeSimulator node, int i) =>
        [
            "--target=Report", $"--mlnode-url={node.BaseUrl}", $"--model={Lab.Model}", $"--reference={reference}",
            $"--experiments-root={Path.Combine(lab.Root, "exp" + i)}", "--warmup-seconds=0", "--measure-seconds=2", "--sample-interval=0.5",
        ];

        await using (var warm = await Lab.NodeAsync(options))
        {
            await ToolProcess.RunAsync(Arguments(warm, 99));
        }

        double single;
        await using (var node = await Lab.NodeAsync(options))
        {
            single = (await ToolProcess.RunAsync(Arguments(node, 0))).WallSeconds;
        }

        var nodes = await Task.WhenAll(Enumerable.Range(0, 16).Select(_ => Lab.NodeAsync(options)));
        var watch = System.Diagnostics.Stopwatch.StartNew();
        var runs = await Task.WhenAll(nodes.Select((node, i) => ToolProcess.RunAsync(Arguments(node, i + 1))));
        var total = watch.Elapsed.TotalSeconds;
        foreach (var node in nodes)
        {
            await node.DisposeAsync();
        }

        var passed = runs.Count(r => r.ExitCode == 0);
        Detail($"one run alone: {S(single)}; 16 at once: {S(total)} in all, slowest {S(runs.Max(r => r.WallSeconds))}, {passed}/16 PASS; {Environment.ProcessorCount} cores");
        Report($"16 concurrent runs {S(total)} vs one run {S(single)} ({total / single:0.0}x)", "all 16 pass; report the ratio", passed == 16);
    }
}
