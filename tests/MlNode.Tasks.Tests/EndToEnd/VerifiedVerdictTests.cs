using MlNode.Tasks.Common;
using MlNode.Tasks.Reports;
using MlNode.Tasks.Tests.Support;
using Newtonsoft.Json.Linq;

namespace MlNode.Tasks.Tests.EndToEnd;

/// <summary>The node's verdict checked against its own vectors: what a lying validator cannot hide, and what an honest node never trips.</summary>
[Trait("Category", "Integration")]
public sealed class VerifiedVerdictTests
{
    private const string PowGenerate = "/api/v1/inference/pow/generate";

    [Fact]
    public async Task Run_ValidatorSaysCleanWhileItsVectorsAreHalfWrong_IsAnErrorNamingBothCountsNeverAPass()
    {
        // Given: a node whose vectors are wrong for about half the nonces, behind a validation reply that says
        // "0 mismatches, p 1, no fraud" (coherent, so only its vectors can tell)
        await using var harness = await RunHarness.StartAsync(RunHarness.With("dishonest:0.5", "lying-validator"));
        harness.WriteReference();

        // When
        var result = await harness.RunAsync(("skip-throughput", string.Empty));

        // Then: exit 1 with both judgements, the report records them, and the summary says the verdict was not verified
        Assert.Equal(ExitCodes.Error, result.ExitCode);
        Assert.Matches(@"^the node's verdict contradicts its own vectors: it reported 0/32 mismatches, its vectors are \d+/32 beyond 0\.2", result.Outcome.Error);
        var local = result.Report["validation"]!["local"]!;
        Assert.False((bool)local["agrees"]!);
        Assert.True((int)local["n_mismatch"]! > 5);
        Assert.True((bool)local["fraud_detected"]!);
        Assert.Equal(32, ((JArray)local["distances"]!).Count);
        var text = File.ReadAllText(Path.Combine(result.ExperimentDirectory, ExperimentDirectory.TextFile));
        Assert.Contains("verified: NO: the node's verdict contradicts its own vectors", text);
    }

    [Fact]
    public async Task Run_ProxyReplayingTheGoldenVectorsAsTheNodesOwn_IsAnErrorNeverAPass()
    {
        // Given: a fully dishonest node behind a proxy that answers the validation with a clean pass and a later
        // generation of the same nonces with the golden vectors that validation carried
        await using var harness = await RunHarness.StartAsync(RunHarness.With("dishonest:1.0", "replay-golden"));
        harness.WriteReference();

        // When
        var result = await harness.RunAsync(("skip-throughput", string.Empty));

        // Then: its own vectors were asked for before it saw the golden ones, so they are its dishonest ones
        Assert.Equal(ExitCodes.Error, result.ExitCode);
        Assert.Matches(@"^the node's verdict contradicts its own vectors: it reported 0/32 mismatches, its vectors are 32/32 beyond 0\.2", result.Outcome.Error);
        Assert.Equal("ERROR", result.Outcome.Report.Judgement.Label);
    }

    [Fact]
    public async Task Run_HonestNode_VerifiedWithTheSameNoncesAndBatchAndItsDistancesRecorded()
    {
        // Given: an honest node and a reference recorded at batch 16
        await using var harness = await RunHarness.StartAsync();
        harness.WriteReference(TestReferences.Document(collectionBatch: 16));

        // When
        var result = await harness.RunAsync(("skip-throughput", string.Empty));

        // Then: PASS, and the node's own vectors were asked for first (the same nonces at the same batch, without a
        // validation block), before the validation sent it the golden ones
        Assert.Equal("PASS", result.Verdict);
        var calls = harness.Simulator.Journal.To("POST", PowGenerate).Select(r => JObject.Parse(r.Body)).ToList();
        Assert.Equal(2, calls.Count);
        Assert.Null(calls[0]["validation"]);
        Assert.NotNull(calls[1]["validation"]);
        Assert.Equal(calls[1]["nonces"]!.ToString(), calls[0]["nonces"]!.ToString());
        Assert.Equal(16, (int)calls[0]["batch_size"]!);
        Assert.True((bool)calls[0]["wait"]!);
        var local = result.Report["validation"]!["local"]!;
        Assert.True((bool)local["verified"]!);
        Assert.True((bool)local["agrees"]!);
        Assert.Equal(0, (int)local["n_mismatch"]!);
        Assert.All(local["distances"]!, d => Assert.InRange((double)d["distance"]!, 0, 0.01));
        Assert.Contains("verified: the node's own vectors are 0/32 beyond 0.2", File.ReadAllText(Path.Combine(result.ExperimentDirectory, ExperimentDirectory.TextFile)));
    }

    [Theory]
    [InlineData("0.2")]
    [InlineData("0.08")]
    [InlineData("0.05")]
    public async Task Run_HonestNodeAtAnotherBatchThanTheReference_NeverTripsTheCheckWhereverTheThresholdLies(string threshold)
    {
        // Given: a reference recorded at batch 16 validated at 32 (every distance about 0.08: below, around or above the threshold)
        await using var harness = await RunHarness.StartAsync();
        harness.WriteReference(TestReferences.Document(collectionBatch: 16));

        // When
        var result = await harness.RunAsync(("skip-throughput", string.Empty), ("validation-batch-size", "32"), ("threshold", threshold));

        // Then: whatever the node's verdict, it agrees with its own vectors (never exit 1 for an honest node)
        Assert.NotEqual(ExitCodes.Error, result.ExitCode);
        Assert.True((bool)result.Report["validation"]!["local"]!["agrees"]!, result.Outcome.Error);
        Assert.Equal((int)result.Report["validation"]!["response"]!["n_mismatch"]!, (int)result.Report["validation"]!["local"]!["n_mismatch"]!);
    }

    [Fact]
    public async Task Run_DishonestNodeThatSaysSo_FailsWithExitTwoAndItsVectorsAgree()
    {
        await using var harness = await RunHarness.StartAsync(RunHarness.With("dishonest:0.5"));
        harness.WriteReference();

        var result = await harness.RunAsync(("skip-throughput", string.Empty));

        Assert.Equal(ExitCodes.Fraud, result.ExitCode);
        Assert.True((bool)result.Report["validation"]!["local"]!["agrees"]!);
        Assert.Equal((int)result.Report["validation"]!["response"]!["n_mismatch"]!, (int)result.Report["validation"]!["local"]!["n_mismatch"]!);
    }

    [Fact]
    public async Task Run_VerifyVectorsOff_OneCallAndTheReportSaysTheVerdictRestsOnTheNodesWord()
    {
        await using var harness = await RunHarness.StartAsync(RunHarness.With("dishonest:0.5", "lying-validator"));
        harness.WriteReference();

        var result = await harness.RunAsync(("skip-throughput", string.Empty), ("verify-vectors", "off"));

        Assert.Equal("PASS", result.Verdict);
        Assert.Single(harness.Simulator.Journal.To("POST", PowGenerate));
        Assert.False((bool)result.Report["validation"]!["local"]!["verified"]!);
        Assert.Contains("not verified: --verify-vectors=off: the verdict rests on the node's word", File.ReadAllText(Path.Combine(result.ExperimentDirectory, ExperimentDirectory.TextFile)));
    }
}
