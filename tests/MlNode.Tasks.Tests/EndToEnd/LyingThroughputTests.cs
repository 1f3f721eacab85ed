using MlNode.Tasks.Common;
using MlNode.Tasks.Tests.Support;

namespace MlNode.Tasks.Tests.EndToEnd;

/// <summary>The lying-node check of the throughput phase: numbers a node makes up never pass a gate.</summary>
[Trait("Category", "Integration")]
public sealed class LyingThroughputTests
{
    [Theory]
    [InlineData("counters-x1000", "but its total_processed counters advanced at")]
    [InlineData("nan-rate", "reported nonces_per_second=NaN")]
    [InlineData("negative-rate", "reported nonces_per_second=-")]
    public async Task Throughput_ProxyMisreports_IncoherentReplyNeverAPassingGate(string how, string expected)
    {
        // Given: a proxy that inflates its counters or invents rates, and a gate those numbers would pass
        await using var harness = await RunHarness.StartAsync(RunHarness.With("misreported-throughput:" + how));
        harness.WriteReference();

        // When
        var result = await harness.RunAsync(("skip-validate", string.Empty), ("min-throughput", "50000"));

        // Then: an error naming the incoherence, not exit 0 or 3 (and the report still validates: no NaN in it)
        Assert.Equal(ExitCodes.Error, result.ExitCode);
        Assert.Contains("throughput: the node's reply is incoherent: ", result.Outcome.Error);
        Assert.Contains(expected, result.Outcome.Error);
        Assert.DoesNotContain("\"NaN\"", result.Report.ToString());
    }

    [Fact]
    public async Task Throughput_HonestNoisyNode_IsCoherent()
    {
        await using var harness = await RunHarness.StartAsync(RunHarness.FastSimulator with { RateNoise = 0.2 });
        harness.WriteReference();

        var result = await harness.RunAsync(("skip-validate", string.Empty));

        Assert.Equal(ExitCodes.Pass, result.ExitCode);
    }
}
