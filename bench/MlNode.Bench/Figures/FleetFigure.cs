using MlNode.Simulator.Fleet;
using Newtonsoft.Json.Linq;

namespace MlNode.Bench.Figures;

/// <summary>
/// F7: one ./build.sh --target=Fleet over a simulated Network Node of 100 MLNodes (10 dishonest, 5 whose deploy
/// fails) with --max-parallel=100, against the same target over one node alone, measured in the same run; the tool's
/// peak RSS; every verdict checked; and what 100 sequential single-node runs take.
/// </summary>
public sealed class FleetFigure : Figure
{
    private static readonly int[] Dishonest = [10, 20, 30, 40, 50, 60, 70, 80, 90, 100];
    private static readonly int[] Failing = [5, 15, 25, 35, 45];

    public override int Number => 7;

    public override string Title => "fleet of 100";

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

        string[] faults = [.. Dishonest.Select(i => $"--fleet-fault={i}:dishonest:0.25"), .. Failing.Select(i => $"--fleet-fault={i}:deploy-fails")];
        ToolRun hundred;
        await using (var fleet = await SimulatedFleet.StartAsync(FleetOptions.Parse([.. node, "--fleet=100", .. faults])))
        {
            hundred = await ToolProcess.RunAsync(Arguments(fleet, "hundred", 100), measureMemory: true);
        }

        var report = JObject.Parse(File.ReadAllText(Directory.GetFiles(Path.Combine(lab.Root, "hundred"), "fleet_report.json", SearchOption.AllDirectories).Single()));
        var wrong = report["pairs"]!.Count(p => (string)p["status"]! != Expected(int.Parse(((string)p["node_id"]!)[4..], System.Globalization.CultureInfo.InvariantCulture)));
        var sequential = await SequentialAsync(lab, reference, node);

        var ratio = hundred.WallSeconds / one.WallSeconds;
        var rss = (hundred.PeakKilobytes ?? 0) / 1024.0;
        Detail($"one node alone: {S(one.WallSeconds)} (peak RSS {(one.PeakKilobytes ?? 0) / 1024.0:0} MB); 100 nodes at once: {S(hundred.WallSeconds)}, exit {hundred.ExitCode}, peak RSS {rss:0} MB; {Environment.ProcessorCount} cores");
        Detail($"verdicts: {report["counts"]}".Replace("\n", " ", StringComparison.Ordinal).Replace("  ", string.Empty, StringComparison.Ordinal) + $"; {wrong} pair(s) not as expected (10 FAIL, 5 ERROR, 85 PASS)");
        Detail($"100 sequential single-node runs (--target=Report): {S(sequential * 100)} (median of 5 runs × 100)");
        Report($"100 nodes {S(hundred.WallSeconds)} = {ratio:0.00}x one node, peak RSS {rss:0} MB", "<= 1.5x one node, RSS < 400 MB, every verdict right",
            ratio <= 1.5 && rss < 400 && wrong == 0 && hundred.ExitCode == 2);
    }

    private static string Expected(int node) => Dishonest.Contains(node) ? "FAIL" : Failing.Contains(node) ? "ERROR" : "PASS";

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
