using MlNode.Simulator.Faults;
using MlNode.Tasks.Ci;
using MlNode.Tasks.Tests.Support;

namespace MlNode.Tasks.Tests.Ci;

[Trait("Category", "Integration")]
public sealed class MarkdownSummaryTests
{
    [Fact]
    public async Task Render_HasVerdictTargetThroughputStatTestAndPhaseTable()
    {
        await using var harness = await RunHarness.StartAsync();
        harness.WriteReference(TestReferences.Document(pMismatch: 0.05));
        var result = await harness.RunAsync(("threshold", "0.25"));

        var summary = MarkdownSummary.Render(result.Outcome);

        Assert.StartsWith("### MLNode validation: ✅ PASS (exit 0)", summary);
        Assert.Contains($"| node | `{harness.Simulator.BaseUrl}` |", summary);
        Assert.Contains($"| model | `{TestReferences.Model}` |", summary);
        Assert.Contains("| stat test | dist_threshold 0.25 (cli), p_mismatch 0.05 (reference), fraud_threshold 0.01 (server-default) |", summary);
        Assert.Contains("| [3/4] throughput | measured |", summary);
        Assert.Contains("nonces/s", summary);
        Assert.Equal(["verdict", "exit_code", "throughput_nonces_per_second", "n_mismatch", "p_value", "experiment_dir"], StepOutputs.Of(result.Outcome).Select(o => o.Key));
        Assert.All(StepOutputs.Of(result.Outcome), o => Assert.DoesNotContain('\n', o.Value));
    }

    [Fact]
    public async Task Render_ManyMismatchesAndALongError_StaysBounded()
    {
        await using var harness = await RunHarness.StartAsync(RunHarness.FastSimulator with { Faults = [Fault.Parse("dishonest:1.0")] });
        harness.WriteReference(TestReferences.Document(count: 2000));
        var result = await harness.RunAsync(("skip-throughput", string.Empty));

        var summary = MarkdownSummary.Render(result.Outcome);

        Assert.Equal("FAIL (fraud_detected)", result.Verdict);
        Assert.True(summary.Length < MarkdownSummary.MaxLength, $"{summary.Length} characters");
        Assert.Contains("mismatch nonces: 0, 1, 2", summary);
        Assert.Contains(", ...", summary);
    }
}
