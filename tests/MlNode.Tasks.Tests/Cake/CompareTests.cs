using MlNode.Tasks.Reports;
using MlNode.Tasks.Tests.Support;

namespace MlNode.Tasks.Tests.Cake;

/// <summary>--target=Compare: two runs side by side from their reports alone.</summary>
[Collection("cake-addin")]
public sealed class CompareTests
{
    [Fact]
    public async Task Compare_FasterAndSlowerRun_ShowsBothAndTheThroughputDifference()
    {
        // Given: the same model on a node at 50 n/s per replica and on one at 25.
        await using var fast = await RunHarness.StartAsync();
        fast.WriteReference();
        var before = await fast.RunAsync();
        await using var slow = await RunHarness.StartAsync(RunHarness.FastSimulator with { Rate = 25 });
        slow.WriteReference();
        var after = await slow.RunAsync();

        // When: one given as a folder, the other as its report file.
        var requestsBefore = fast.Simulator.Journal.Requests.Count + slow.Simulator.Journal.Requests.Count;
        var run = await CakeRunner.RunAsync(["--target=Compare", $"--from={before.ExperimentDirectory}", $"--to={Path.Combine(after.ExperimentDirectory, ExperimentDirectory.ReportFile)}"]);

        // Then
        Assert.True(run.ExitCode == 0, run.Output);
        Assert.Matches(@"verdict\s+PASS\s+PASS\s+same", run.Stdout);
        Assert.Matches(@"throughput \(counters\)\s+\d+\.\d\d n/s\s+\d+\.\d\d n/s\s+-(4|5)\d\.\d%", run.Stdout);
        Assert.Contains("differences: ", run.Stdout);
        Assert.Contains("node: differs", run.Stdout);
        Assert.Equal(requestsBefore, fast.Simulator.Journal.Requests.Count + slow.Simulator.Journal.Requests.Count);
    }

    [Fact]
    public async Task Compare_MissingTo_IsOneErrorLine()
    {
        var run = await CakeRunner.RunAsync(["--target=Compare", "--from=nowhere"]);

        Assert.Equal(1, run.ExitCode);
        Assert.StartsWith("ERROR: --from '", run.LastLine);
    }
}
