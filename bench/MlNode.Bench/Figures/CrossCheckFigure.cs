using System.Globalization;
using MlNode.Simulator.Fleet;
using Newtonsoft.Json.Linq;

namespace MlNode.Bench.Figures;

/// <summary>
/// F8: one ./build.sh --target=CrossCheck --cross=all over 8 simulated MLNodes of 4 hardware classes (one class
/// incompatible), 200 nonces, every node computing at the same simulated speed. The ideal wall time of the matrix is
/// what the busiest node must do one job at a time: its own generation, the golden's validation and seven others';
/// the schedule is judged by the measured matrix time against it. Peak RSS of the tool; the verdicts checked.
/// </summary>
internal sealed class CrossCheckFigure : Figure
{
    // Nonces per second of /pow/generate on every simulated node: 200 nonces take 0.5 s.
    private const double ComputeRate = 400;
    private const int Nonces = 200;
    private const int GoldenVectors = 32;

    public override int Number => 8;

    public override string Title => "cross-check of 8 nodes";

    public override async Task RunAsync()
    {
        using var lab = new Lab();
        var references = Path.Combine(lab.Root, "references");
        Directory.CreateDirectory(references);
        await lab.BakeFromTrustedAsync(GoldenVectors, Path.Combine("references", "benchorg-bench-poc-7b.json"));
        string[] classes = ["NVIDIA H100", "NVIDIA H200", "NVIDIA B200:0.3", "NVIDIA B300"];
        string[] options =
        [
            "--fleet=8", "--port=0", "--download-seconds=0.5", "--deploy-seconds=0.5", $"--fleet-model={Lab.Model}", $"--compute-rate={ComputeRate.ToString(CultureInfo.InvariantCulture)}",
            .. Enumerable.Range(1, 8).Select(i => $"--fleet-hardware={i}:{classes[(i - 1) % classes.Length]}"),
        ];
        string[] Arguments(SimulatedFleet fleet, string name) =>
        [
            "--target=CrossCheck", $"--admin-api={fleet.AdminUrl}", $"--references-path={references}", $"--experiments-root={Path.Combine(lab.Root, name)}",
            "--cross=all", $"--num-nonces={Nonces}", "--poll-interval-min=0.05", "--poll-interval-max=0.2",
        ];

        await using (var warm = await SimulatedFleet.StartAsync(FleetOptions.Parse([.. options[..6], "--fleet=2"])))
        {
            await ToolProcess.RunAsync(Arguments(warm, "warm"));
        }

        ToolRun run;
        await using (var fleet = await SimulatedFleet.StartAsync(FleetOptions.Parse(options)))
        {
            run = await ToolProcess.RunAsync(Arguments(fleet, "eight"), measureMemory: true);
        }

        var folder = Path.Combine(lab.Root, "eight");
        if (!Directory.Exists(folder))
        {
            Report($"the cross-check did not run (exit {run.ExitCode}): {run.Output.Trim().Split('\n')[^1]}", "<= 1.2x ideal, every verdict right", false);
            return;
        }

        var report = JObject.Parse(File.ReadAllText(Directory.GetFiles(folder, "crosscheck_report.json", SearchOption.AllDirectories).Single()));
        var model = report["models"]![0]!;
        var matrix = (double)model["duration_s"]!;
        var ideal = (Nonces + GoldenVectors + (7 * Nonces)) / ComputeRate;
        var cells = model["cells"]!.ToList();
        var fails = cells.Where(c => (string?)c["status"] == "FAIL").Select(c => $"{c["generator"]}>{c["validator"]}").ToList();

        // The B200 nodes (3 and 7) disagree with every other class and with the golden, in both directions; nothing else does.
        var b200 = new[] { "node3", "node7" };
        var expectedFails = cells.Count(c => b200.Contains((string?)c["generator"]) != b200.Contains((string?)c["validator"]));
        var busiest = model["jobs"]!.GroupBy(j => (string)j["node"]!).Max(g => g.Sum(j => (double)j["finished_s"]! - (double)j["started_s"]!));
        var rss = (run.PeakKilobytes ?? 0) / 1024.0;
        var ratio = matrix / ideal;
        Detail($"matrix {S(matrix)} (whole run {S(run.WallSeconds)} with download and deploy), ideal {S(ideal)}: the busiest node's own work at {ComputeRate} nonces/s; its measured busy time {S(busiest)}");
        Detail($"{cells.Count} cells, {fails.Count} FAIL (expected {expectedFails}: the B200s against every other class and the golden), exit {run.ExitCode}; peak RSS {rss:0} MB; {Environment.ProcessorCount} cores");
        Report($"8 nodes x 200 nonces: matrix {S(matrix)} = {ratio:0.00}x ideal, peak RSS {rss:0} MB", "<= 1.2x ideal, every verdict right",
            ratio <= 1.2 && fails.Count == expectedFails && run.ExitCode == 2);
    }
}
