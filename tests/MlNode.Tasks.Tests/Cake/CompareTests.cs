using MlNode.Tasks.Reports;
using MlNode.Tasks.Tests.Support;

namespace MlNode.Tasks.Tests.Cake;

/// <summary>--target=Compare: two runs side by side from their reports alone.</summary>
[Collection("cake-addin")]
[Trait("Category", "Integration")]
public sealed class CompareTests
{
    [Fact]
    public async Task Compare_GonkasTwoGlmReferences_OfflineWithTheirVerdictAndTheStrideOf16()
    {
        // Given: gonka's default GLM recording and its H100 TP=8 variant
        var (glm, variant) = TestReferences.RealGlmPair();

        // When: compared as references, contacting no node
        var run = await CakeRunner.RunAsync(["--target=Compare", $"--from={glm}", $"--to={variant}"]);

        // Then
        Assert.True(run.ExitCode == 0, run.Output);
        Assert.Contains("beyond 0.44: 117 of 1000, p 0.04334: each would judge the other FAIL (fraud)", run.Stdout);
        Assert.Contains("deploy args differ: --max-num-batched-tokens 65536 vs 16384", run.Stdout);
        Assert.Contains("why: batch stride: 63 of 117 mismatches are the first nonce of a batch of 16", run.Stdout);
    }

    [Fact]
    public async Task Compare_ReferencesOfTwoModels_OneErrorLine()
    {
        using var root = new TempDirectory();
        var a = TestReferences.Write(root.Combine("a"), TestReferences.Document());
        var b = TestReferences.Write(root.Combine("b"), TestReferences.Document(model: "TestOrg/Other-PoC-1B"));

        var run = await CakeRunner.RunAsync(["--target=Compare", $"--from={a}", $"--to={b}"]);

        Assert.Equal(1, run.ExitCode);
        Assert.StartsWith("ERROR: --from is a reference of TestOrg/Tiny-PoC-1B and --to of TestOrg/Other-PoC-1B", run.LastLine);
    }

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

        // Then: the inputs are read before the graph runs, so the ERROR line is all there is (no Cake failure block)
        Assert.Equal(1, run.ExitCode);
        Assert.StartsWith("ERROR: --from '", run.LastLine);
        Assert.DoesNotContain("An error occurred", run.Output);
        Assert.Single(run.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }
}
