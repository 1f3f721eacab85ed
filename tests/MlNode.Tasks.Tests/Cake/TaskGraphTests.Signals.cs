using MlNode.Simulator;
using MlNode.Tasks.Reports;
using MlNode.Tasks.Tests.Support;
using Newtonsoft.Json.Linq;

namespace MlNode.Tasks.Tests.Cake;

public sealed partial class TaskGraphTests
{
    [Fact]
    public async Task Interrupt_DuringThroughput_StopsGenerationWritesPartialReportExits130()
    {
        await using var node = await Node();
        TestReferences.Write(References, TestReferences.Document());

        var run = await CakeRunner.RunAsync(
            ["--target=Report", .. Against(node, "--measure-seconds=60")],
            whileRunning: async (process, output) =>
            {
                await CakeRunner.WaitForAsync(process, output, "init/generate -> backends=2");
                await CakeRunner.SignalAsync(process, "INT");
            });

        Assert.Equal(130, run.ExitCode);
        Assert.Single(node.Journal.To("POST", "/api/v1/inference/pow/stop"));
        Assert.Contains("verdict: INTERRUPTED", run.Stdout);
        var report = JObject.Parse(File.ReadAllText(Directory.GetFiles(Experiments, ExperimentDirectory.ReportFile, SearchOption.AllDirectories).Single()));
        Assert.Equal("interrupted", (string?)report["status"]);
        Assert.Equal("interrupted", (string?)report["phases"]!["throughput"]!["state"]);
        Assert.True((bool)report["throughput"]!["generation_stopped"]!);
    }

    [Fact]
    public async Task SecondCtrlC_WhileStoppingGeneration_ExitsAtOnce()
    {
        await using var node = await Node("hang@/api/v1/inference/pow/stop");
        TestReferences.Write(References, TestReferences.Document());
        var watch = System.Diagnostics.Stopwatch.StartNew();

        var run = await CakeRunner.RunAsync(
            ["--target=Report", .. Against(node, "--measure-seconds=60", "--stop-timeout=60")],
            whileRunning: async (process, output) =>
            {
                await CakeRunner.WaitForAsync(process, output, "init/generate -> backends=2");
                await CakeRunner.SignalAsync(process, "INT");
                await CakeRunner.WaitForAsync(process, output, "stopping generation...");
                await Task.Delay(300);
                await CakeRunner.SignalAsync(process, "INT");
            });

        Assert.Equal(130, run.ExitCode);
        Assert.Contains("Ctrl-C again: exiting now without waiting for cleanup", run.Stdout);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(30), $"took {watch.Elapsed}");
    }

    [Fact]
    public async Task Sigterm_DuringDeploy_IsTreatedLikeCtrlC()
    {
        await using var node = await MlNodeSimulator.StartAsync(RunHarness.FastSimulator with { DeploySeconds = 60 });
        TestReferences.Write(References, TestReferences.Document());

        var run = await CakeRunner.RunAsync(
            ["--target=Report", .. Against(node)],
            whileRunning: async (process, output) =>
            {
                await CakeRunner.WaitForAsync(process, output, "[2/4] deploy: model=");
                await Task.Delay(300);
                await CakeRunner.SignalAsync(process, "TERM");
            });

        Assert.Equal(130, run.ExitCode);
        Assert.Contains("[deploy] interrupted after", run.Stdout);
    }

    [Fact]
    public async Task AllReferences_RunsEachInItsOwnFolderAndExitsWithTheWorstCode()
    {
        await using var node = await Node();
        TestReferences.Write(References, TestReferences.Document());
        var foreign = TestReferences.Document();
        foreign["artifacts"] = TestReferences.Document(model: "Other/Model")["artifacts"];
        TestReferences.Write(References, foreign, "testorg-tiny-poc-1b-other.json");

        var run = await CakeRunner.RunAsync(["--target=Report", "--all-references", "--skip-throughput", .. Against(node)]);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--all-references: 2 reference(s) for TestOrg/Tiny-PoC-1B", run.Stdout);
        Assert.Equal(2, Directory.GetFiles(Experiments, ExperimentDirectory.ReportFile, SearchOption.AllDirectories).Length);
        Assert.Contains("testorg-tiny-poc-1b-other.json: FAIL (fraud_detected)", run.LastLine);
        Assert.Contains("testorg-tiny-poc-1b.json: PASS", run.LastLine);
        Assert.EndsWith("exit code 2", run.LastLine);
        Assert.Single(node.Journal.To("POST", "/api/v1/inference/up/async"));
    }
}
