using System.Diagnostics;
using MlNode.Simulator;
using MlNode.Tasks.References;

namespace MlNode.Bench.Figures;

/// <summary>
/// F4: references of 2,000 and 100,000 vectors, baked through the simulator: time (and allocation) to load and to
/// check them in-process, and a full validation end to end by the tool's own process (wall and peak memory).
/// </summary>
public sealed class ScaleFigure : Figure
{
    public override int Number => 4;

    public override string Title => "scale of references";

    public override async Task RunAsync()
    {
        using var lab = new Lab();
        await using var node = await Lab.NodeAsync(new SimulatorOptions { Running = Lab.Model, RunningTp = 4, JournalBodyLimit = 4096 });
        var startup = double.IsNaN(StartupFigure.HelpMedian) ? (await ToolProcess.RunAsync(["--target=Help"])).WallSeconds : StartupFigure.HelpMedian;
        string result = string.Empty;
        bool? met = null;
        foreach (var count in new[] { 2_000, 100_000 })
        {
            var watch = Stopwatch.StartNew();
            var path = await lab.BakeAsync(node.BaseUrl, count, $"ref{count}.json", verify: count <= 2_000);
            var bake = watch.Elapsed.TotalSeconds;
            var size = new FileInfo(path).Length / 1024.0 / 1024.0;

            GC.Collect();
            var allocated = GC.GetTotalAllocatedBytes(precise: true);
            watch.Restart();
            var reference = ReferenceReader.Load(path);
            var load = watch.Elapsed.TotalSeconds;
            var loadMb = (GC.GetTotalAllocatedBytes(precise: true) - allocated) / 1024.0 / 1024.0;
            watch.Restart();
            var checks = ReferenceChecker.Check(new ReferenceCatalog([Path.GetDirectoryName(path)!]));
            var check = watch.Elapsed.TotalSeconds;

            var run = await ToolProcess.RunAsync(
                ["--target=Validate", "--exclusive", $"--mlnode-url={node.BaseUrl}", $"--model={Lab.Model}", $"--reference={path}", $"--experiments-root={Path.Combine(lab.Root, "exp")}"],
                measureMemory: true);
            var endToEnd = run.WallSeconds - startup;
            var peakMb = (run.PeakKilobytes ?? 0) / 1024.0;
            Detail($"{count,7:N0} vectors ({size:0.0} MB): bake through the simulator {S(bake)}; load {S(load)} (allocates {loadMb:0} MB); " +
                   $"check {S(check)} ({checks.Count} files in folder); tool process: exit {run.ExitCode}, wall {S(run.WallSeconds)} " +
                   $"(minus start-up {S(startup)} = {S(endToEnd)}), peak RSS {peakMb:0} MB; {reference.Vectors.Count} vectors validated");
            if (count == 100_000)
            {
                // The same validation without checking the node's verdict against its own vectors: the node computes
                // the nonces once, and the tool reads no 100,000-vector generation reply.
                var unverified = await ToolProcess.RunAsync(
                    ["--target=Validate", "--exclusive", $"--mlnode-url={node.BaseUrl}", $"--model={Lab.Model}", $"--reference={path}", $"--experiments-root={Path.Combine(lab.Root, "exp")}", "--verify-vectors=off"],
                    measureMemory: true);
                var unverifiedMb = (unverified.PeakKilobytes ?? 0) / 1024.0;
                Detail($"the same with --verify-vectors=off: wall {S(unverified.WallSeconds)} (minus start-up = {S(unverified.WallSeconds - startup)}), peak RSS {unverifiedMb:0} MB");
                result = $"100,000 vectors validated and verified end to end in {S(endToEnd)} after start-up ({S(run.WallSeconds)} wall), peak {peakMb:0} MB; unverified {S(unverified.WallSeconds - startup)}, {unverifiedMb:0} MB";
                met = run.ExitCode == 0 && endToEnd < 5 && peakMb < 200;
            }
        }

        Report(result, "100,000 vectors < 5 s and < 200 MB for the tool's process (as run by default: verified)", met);
    }
}
