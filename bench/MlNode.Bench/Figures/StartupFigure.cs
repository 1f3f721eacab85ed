using MlNode.Simulator;

namespace MlNode.Bench.Figures;

/// <summary>F3: a warm ./build.sh to the first phase header, a no-op (--target=Help), and Cake's own floor.</summary>
public sealed class StartupFigure : Figure
{
    public override int Number => 3;

    public override string Title => "start-up (warm)";

    /// <summary>Gets the median warm no-op start, for the figures that subtract process start-up.</summary>
    public static double HelpMedian { get; private set; } = double.NaN;

    public override async Task RunAsync()
    {
        await ToolProcess.RunAsync(["--target=Help"]);
        var help = new List<double>();
        for (var i = 0; i < 10; i++)
        {
            help.Add((await ToolProcess.RunAsync(["--target=Help"])).WallSeconds);
        }

        HelpMedian = Stats.Median(help);
        using var lab = new Lab();
        var reference = await lab.BakeFromTrustedAsync(8, "ref8.json");

        var header = new List<double>();
        for (var i = 0; i < 5; i++)
        {
            await using var node = await Lab.NodeAsync(new SimulatorOptions { DownloadSeconds = 0.1, DeploySeconds = 0.1 });
            var run = await ToolProcess.RunAsync(
                ["--target=Report", $"--mlnode-url={node.BaseUrl}", $"--model={Lab.Model}", $"--reference={reference}", $"--experiments-root={Path.Combine(lab.Root, "exp")}", "--skip-throughput"]);
            header.Add(run.FirstAt("[1/4] download") ?? double.NaN);
        }

        var floor = await CakeFloorAsync(lab.Root);
        Detail($"--target=Help: median {S(HelpMedian)} over 10 (min {S(help.Min())}, max {S(help.Max())})");
        Detail($"first phase header of --target=Report: median {S(Stats.Median(header))} over 5");
        Detail($"Cake itself, an empty cached script on this machine: median {S(floor)} over 5 (the floor under any Cake task graph)");
        var worst = Math.Max(HelpMedian, Stats.Median(header));
        Report($"Help {S(HelpMedian)}, first header {S(Stats.Median(header))} (Cake's floor {S(floor)})", "< 1.0 s warm", worst < 1.0);
    }

    private static async Task<double> CakeFloorAsync(string scratch)
    {
        var manifest = File.ReadAllText(Path.Combine(ToolProcess.Root, "dotnet-tools.json"));
        var version = System.Text.RegularExpressions.Regex.Match(manifest, "\"version\": \"([0-9.]+)\"", System.Text.RegularExpressions.RegexOptions.RightToLeft).Groups[1].Value;
        var packages = Environment.GetEnvironmentVariable("NUGET_PACKAGES") ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        var cake = Path.Combine(packages, "cake.tool", version, "tools", "net10.0", "any", "Cake.dll");
        var script = Path.Combine(scratch, "empty.cake");
        File.WriteAllText(script, "Task(\"Default\").Does(() => {});\nRunTarget(\"Default\");\n");
        var times = new List<double>();
        for (var i = 0; i < 6; i++)
        {
            var start = new System.Diagnostics.ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
            foreach (var a in new[] { cake, script })
            {
                start.ArgumentList.Add(a);
            }

            start.Environment["CAKE_SETTINGS_ENABLESCRIPTCACHE"] = "true";
            start.Environment["CAKE_SETTINGS_NOREPORT"] = "true";
            start.Environment["CAKE_PATHS_CACHE"] = Path.Combine(scratch, "cache");
            start.Environment["DOTNET_TieredPGO"] = "0"; // as build.sh runs Cake, so the floor compares like with like
            var watch = System.Diagnostics.Stopwatch.StartNew();
            using var process = System.Diagnostics.Process.Start(start)!;
            await process.StandardOutput.ReadToEndAsync();
            await process.WaitForExitAsync();
            if (i > 0)
            {
                times.Add(watch.Elapsed.TotalSeconds);
            }
        }

        return Stats.Median(times);
    }
}
