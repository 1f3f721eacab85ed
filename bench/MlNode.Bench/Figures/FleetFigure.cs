using System.Diagnostics;
using MlNode.Simulator.Fleet;
using Newtonsoft.Json.Linq;

namespace MlNode.Bench.Figures;

/// <summary>
/// F7 and F9: one ./build.sh --target=Fleet over a simulated Network Node of 100 (F7) or 1,000 (F9) MLNodes, 10 %
/// dishonest and 5 % whose deploy fails, every pair at once, against the same target over one node alone, measured in
/// the same run; the tool's peak RSS and CPU (its own processes, apart from the simulators', which run in this
/// process); every verdict checked. F7 also times 100 sequential single-node runs.
/// </summary>
public sealed class FleetFigure(int number, int nodes) : Figure
{
    public override int Number => number;

    public override string Title => $"fleet of {nodes}";

    public override async Task RunAsync()
    {
        using var lab = new Lab();
        var references = Path.Combine(lab.Root, "references");
        Directory.CreateDirectory(references);
        var reference = await lab.BakeFromTrustedAsync(32, Path.Combine("references", "benchorg-bench-poc-7b.json"));

        string[] node = ["--port=0", "--download-seconds=1", "--deploy-seconds=1", $"--fleet-model={Lab.Model}", "--fleet-model-args=[\"--tensor-parallel-size\",\"4\"]"];
        string[] Arguments(SimulatedFleet fleet, string name, int parallel) =>
        [
            "--target=Fleet", $"--admin-api={fleet.AdminUrl}", $"--references-path={references}", $"--experiments-root={Path.Combine(lab.Root, name)}",
            $"--max-parallel={parallel}", "--warmup-seconds=0", "--measure-seconds=2", "--sample-interval=0.5", "--progress-interval=5", "--poll-interval-max=0.5",
        ];

        await using (var warm = await SimulatedFleet.StartAsync(FleetOptions.Parse([.. node, "--fleet=1"])))
        {
            await ToolProcess.RunAsync(Arguments(warm, "warm", 1));
        }

        ToolRun one;
        await using (var single = await SimulatedFleet.StartAsync(FleetOptions.Parse([.. node, "--fleet=1"])))
        {
            one = await ToolProcess.RunAsync(Arguments(single, "one", 1), measureMemory: true);
        }

        string[] faults = [.. Enumerable.Range(1, nodes).Where(Dishonest).Select(i => $"--fleet-fault={i}:dishonest:0.25"), .. Enumerable.Range(1, nodes).Where(Failing).Select(i => $"--fleet-fault={i}:deploy-fails")];
        ToolRun many;
        double simulatorCpu;
        await using (var fleet = await SimulatedFleet.StartAsync(FleetOptions.Parse([.. node, $"--fleet={nodes}", .. faults])))
        {
            var before = Process.GetCurrentProcess().TotalProcessorTime;
            many = await ToolProcess.RunAsync(Arguments(fleet, "many", Math.Min(nodes, 1024)), measureMemory: true);
            simulatorCpu = (Process.GetCurrentProcess().TotalProcessorTime - before).TotalSeconds;
        }

        var report = JObject.Parse(File.ReadAllText(Directory.GetFiles(Path.Combine(lab.Root, "many"), "fleet_report.json", SearchOption.AllDirectories).Single()));
        var wrong = report["pairs"]!.Count(p => (string)p["status"]! != Expected(int.Parse(((string)p["node_id"]!)[4..], System.Globalization.CultureInfo.InvariantCulture)));
        var expected = $"{Enumerable.Range(1, nodes).Count(Dishonest)} FAIL, {Enumerable.Range(1, nodes).Count(i => Failing(i) && !Dishonest(i))} ERROR";

        var ratio = many.WallSeconds / one.WallSeconds;
        var rss = (many.PeakKilobytes ?? 0) / 1024.0;
        var perPair = ((many.CpuSeconds ?? 0) - (one.CpuSeconds ?? 0)) / (nodes - 1) * 1000;
        Detail($"one node alone: {S(one.WallSeconds)} (peak RSS {(one.PeakKilobytes ?? 0) / 1024.0:0} MB, CPU {one.CpuSeconds:0.00} s); {nodes} nodes at once: {S(many.WallSeconds)}, exit {many.ExitCode}, peak RSS {rss:0} MB; {Environment.ProcessorCount} cores");
        Detail($"the tool's CPU: {many.CpuSeconds:0.00} s ({many.SystemCpuSeconds:0.00} s system), {perPair:0.0} ms per pair beyond one node's; the {nodes} simulators' CPU (this process): {simulatorCpu:0.00} s");
        Detail($"verdicts: {report["counts"]}".Replace("\n", " ", StringComparison.Ordinal).Replace("  ", string.Empty, StringComparison.Ordinal) + $"; {wrong} pair(s) not as expected ({expected}, the rest PASS)");
        if (nodes <= 100)
        {
            var sequential = await SequentialAsync(lab, reference, node);
            Detail($"{nodes} sequential single-node runs (--target=Report): {S(sequential * nodes)} (median of 5 runs × {nodes})");
            Report($"{nodes} nodes {S(many.WallSeconds)} = {ratio:0.00}x one node, peak RSS {rss:0} MB", "<= 1.5x one node, RSS < 400 MB, every verdict right",
                ratio <= 1.5 && rss < 400 && wrong == 0 && many.ExitCode == 2);
        }
        else
        {
            Report($"{nodes} nodes {S(many.WallSeconds)} = {ratio:0.00}x one node, the tool's CPU {perPair:0.0} ms per pair, peak RSS {rss:0} MB", "<= 3x one node, <= 10 ms CPU per pair, RSS < 400 MB, every verdict right",
                ratio <= 3 && perPair <= 10 && rss < 400 && wrong == 0 && many.ExitCode == 2);
        }
    }

    // One node in ten is dishonest, one in twenty (offset by five) fails its deploy: 10 % and 5 %, at any size.
    private static bool Dishonest(int node) => node % 10 == 0;

    private static bool Failing(int node) => node % 20 == 5;

    private static string Expected(int node) => Dishonest(node) ? "FAIL" : Failing(node) ? "ERROR" : "PASS";

    private static async Task<double> SequentialAsync(Lab lab, string reference, string[] node)
    {
        var times = new List<double>();
        for (var i = 0; i < 5; i++)
        {
            await using var fleet = await SimulatedFleet.StartAsync(FleetOptions.Parse([.. node, "--fleet=1"]));
            var run = await ToolProcess.RunAsync(
            [
                "--target=Report", $"--mlnode-url={fleet.Nodes[0].BaseUrl}", $"--model={Lab.Model}", $"--reference={reference}",
                $"--experiments-root={Path.Combine(lab.Root, "seq")}", "--warmup-seconds=0", "--measure-seconds=2", "--sample-interval=0.5", "--poll-interval-max=0.5",
            ]);
            times.Add(run.WallSeconds);
        }

        return Stats.Median(times);
    }
}
