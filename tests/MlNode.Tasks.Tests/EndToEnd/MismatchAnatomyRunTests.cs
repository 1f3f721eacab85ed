using MlNode.Tasks.Common;
using MlNode.Tasks.Reports;
using MlNode.Tasks.Tests.Support;

namespace MlNode.Tasks.Tests.EndToEnd;

/// <summary>Every kind of mismatch, made by a simulator fault made for it, named with its cause in the report, the summary and the JUnit file.</summary>
[Trait("Category", "Integration")]
public sealed class MismatchAnatomyRunTests
{
    [Theory]
    [InlineData("first-in-batch:16", "auto", "batch stride", "8 of 8 mismatches are the first nonce of a batch of 16")]
    [InlineData("first-in-batch:16", "off", "batch stride", "8 of 8 mismatches are the first nonce of a batch of 16")]
    [InlineData("dishonest:0.3", "auto", "sparse far", "substituted")]
    [InlineData("broken-vectors", "auto", "broken", "not vectors")]
    public async Task Run_FaultMadeForAKind_TheReportNamesThatKindAndItsCause(string fault, string verify, string kind, string said)
    {
        // Given: 128 nonces, so a stride has room to show
        await using var harness = await RunHarness.StartAsync(RunHarness.With(fault));
        harness.WriteReference(TestReferences.Document(count: 128));

        // When
        var result = await harness.RunAsync(("skip-throughput", string.Empty), ("verify-vectors", verify));

        // Then
        var anatomy = result.Report["validation"]!["anatomy"]!;
        Assert.Equal(kind, (string?)anatomy["kind"]);
        var text = File.ReadAllText(Path.Combine(result.ExperimentDirectory, ExperimentDirectory.TextFile));
        Assert.Matches($"\n  why: \\d+ of 128 nonces beyond [^;]*; {kind}: ", text.ReplaceLineEndings("\n"));
        Assert.Contains(said, text);
        if (fault.StartsWith("first-in-batch", StringComparison.Ordinal))
        {
            // The node said which PoC plugin it runs (the simulator's defective node reports one before the fix)
            Assert.Contains("this node reports gonka-poc 0.1.5, which has it: upgrade the node", (string?)anatomy["cause"]);
        }

        if (result.ExitCode == ExitCodes.Fraud)
        {
            Assert.Contains($"; {kind}: ", File.ReadAllText(Path.Combine(result.ExperimentDirectory, ExperimentDirectory.JUnitFile)));
        }
    }

    [Fact]
    public async Task Run_ReferenceRecordedAtAnotherBatchUnderATightThreshold_IsAUniformShiftNotFraudPattern()
    {
        // Given: a reference recorded at batch 16 validated at 32 (every distance about 0.08) under a threshold of 0.05
        await using var harness = await RunHarness.StartAsync();
        harness.WriteReference(TestReferences.Document(collectionBatch: 16));

        // When
        var result = await harness.RunAsync(("skip-throughput", string.Empty), ("validation-batch-size", "32"), ("threshold", "0.05"));

        // Then
        Assert.Equal(ExitCodes.Fraud, result.ExitCode);
        Assert.Equal("uniform shift", (string?)result.Report["validation"]!["anatomy"]!["kind"]);
        Assert.Contains("--node-config", (string?)result.Report["validation"]!["anatomy"]!["next_step"]);
    }

    [Fact]
    public async Task Run_SimulatorReplayingGonkasH100RecordingAgainstTheDefault_FailsWithTheStrideOf16()
    {
        // Given: a node that runs the H100 TP=8 variant's deploy (replaying its recording), validated against the default GLM reference
        var (glm, variant) = TestReferences.RealGlmPair();
        await using var harness = await RunHarness.StartAsync(RunHarness.FastSimulator with { Recorded = [glm, variant] });
        var deployed = await harness.RunAsync(("model", "zai-org/GLM-5.3-Flash"), ("reference", variant), ("skip-throughput", string.Empty));
        Assert.Equal("PASS", deployed.Verdict);

        // When: the default reference is validated on that deployment
        var result = await harness.RunAsync(("model", "zai-org/GLM-5.3-Flash"), ("reference", glm), ("skip-throughput", string.Empty), ("skip-deploy", string.Empty));

        // Then: FAIL with exit 2 at p 0.0433, verified, and the anatomy names the stride of 16 and its 63 nonces
        Assert.Equal(ExitCodes.Fraud, result.ExitCode);
        var validation = result.Report["validation"]!;
        Assert.Equal(117, (int)validation["response"]!["n_mismatch"]!);
        Assert.Equal(0.0433, (double)validation["response"]!["p_value"]!, 4);
        Assert.True((bool)validation["local"]!["agrees"]!);
        Assert.Equal("batch stride", (string?)validation["anatomy"]!["kind"]);
        Assert.Equal(16, (int)validation["anatomy"]!["stride"]!["batch"]!);
        Assert.Equal(63, (int)validation["anatomy"]!["stride"]!["on_stride"]!);
        Assert.Contains("63 of 117 mismatches are the first nonce of a batch of 16", File.ReadAllText(Path.Combine(result.ExperimentDirectory, ExperimentDirectory.TextFile)));
    }
}
