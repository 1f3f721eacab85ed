using MlNode.Tasks.Common;
using MlNode.Tasks.Tests.Support;
using Newtonsoft.Json.Linq;

namespace MlNode.Tasks.Tests.EndToEnd;

/// <summary>The contract's verdicts, end to end over HTTP against the in-process simulator.</summary>
[Trait("Category", "Integration")]
public sealed class OutcomeTests
{

    [Fact]
    public async Task Run_ReferenceRewrittenAfterItsInputsWereChecked_IsAnErrorNotAVerdictOnOtherVectors()
    {
        // Given settings resolved from a reference of 32 vectors
        await using var harness = await RunHarness.StartAsync();
        harness.WriteReference();
        var settings = harness.Resolve();

        // When the file is replaced before the run loads its vectors (another process re-baking it)
        harness.WriteReference(TestReferences.Document(count: 16));
        var console = new StringWriter();
        var log = new Tasks.Running.TextRunLog(console, harness.Redactor);
        using var run = Tasks.Running.ValidationRun.Start(settings, log, new Tasks.Running.RunEnvironment(harness.Time, default, harness.Redactor));
        var outcome = await run.RunAllAsync();

        // Then the run ends with exit 1 naming the change: its report pins the hash of a file it did not validate
        Assert.Equal(ExitCodes.Error, outcome.ExitCode);
        Assert.Contains("changed after the run's inputs were checked", outcome.Report.Error);
        Assert.Empty(harness.Simulator.Journal.To("POST", "/api/v1/inference/pow/validate"));
    }

    [Fact]
    public async Task Run_HonestNode_CleanPassWithEveryPhaseAndTheRightRequests()
    {
        await using var harness = await RunHarness.StartAsync();
        harness.WriteReference();

        var result = await harness.RunAsync();

        Assert.Equal(ExitCodes.Pass, result.ExitCode);
        Assert.Equal("PASS", result.Verdict);
        var report = result.Report;
        Assert.Equal("completed", (string?)report["status"]);
        Assert.Equal("downloaded", (string?)report["download"]!["action"]);
        Assert.Equal("deployed", (string?)report["deploy"]!["action"]);
        Assert.True((bool)report["deploy"]!["applied"]!);
        Assert.Equal(2, (int)report["throughput"]!["summary"]!["n_backends"]!);
        Assert.True((bool)report["throughput"]!["generation_stopped"]!);
        Assert.True((bool)report["throughput"]!["stop_confirmed"]!);
        Assert.True((bool)report["validation"]!["passed"]!);
        Assert.False((bool)report["validation"]!["has_mismatches"]!);
        Assert.Equal(0, (int)report["validation"]!["response"]!["n_mismatch"]!);

        var journal = harness.Simulator.Journal;
        var up = JObject.Parse(journal.To("POST", "/api/v1/inference/up/async").Single().Body);
        Assert.Equal(TestReferences.Model, (string?)up["model"]);
        Assert.Equal(["--tensor-parallel-size", "4"], up["additional_args"]!.Values<string>());
        var init = JObject.Parse(journal.To("POST", "/api/v1/inference/pow/init/generate").Single().Body);
        Assert.Equal(["model", "seq_len", "k_dim"], ((JObject)init["params"]!).Properties().Select(p => p.Name));
        Assert.Null(init["batch_size"]); // the node's per-GPU default, as production
        var generate = journal.To("POST", "/api/v1/inference/pow/generate").Select(r => JObject.Parse(r.Body)).Single(b => b["validation"] is not null);
        Assert.True((bool)generate["wait"]!);
        Assert.Equal(32, ((JArray)generate["validation"]!["artifacts"]!).Count);
        Assert.Equal(Enumerable.Range(0, 32).Select(n => (long)n), generate["nonces"]!.Values<long>());
        JsonAssert.Equal(new JObject { ["dist_threshold"] = 0.2, ["p_mismatch"] = 0.001, ["fraud_threshold"] = 0.01 }, generate["stat_test"]);
        Assert.Null(generate["batch_size"]);

        // Generation was stopped, and seen to stop, before validation started.
        var stop = journal.To("POST", "/api/v1/inference/pow/stop").Single();
        var quiet = journal.Requests.Last(r => r.Path == "/api/v1/inference/pow/status" && r.Sequence < journal.To("POST", "/api/v1/inference/pow/generate")[0].Sequence);
        Assert.True(stop.Sequence < quiet.Sequence);
    }

    [Fact]
    public async Task Run_OneMismatchWithinTolerance_IsPassWithMismatchesExitZero()
    {
        await using var harness = await RunHarness.StartAsync(RunHarness.With("dishonest:5"));
        harness.WriteReference();

        var result = await harness.RunAsync();

        Assert.Equal(ExitCodes.Pass, result.ExitCode);
        Assert.Equal("PASS (with mismatches within stat-test tolerance)", result.Verdict);
        Assert.True((bool)result.Report["validation"]!["passed"]!);
        Assert.True((bool)result.Report["validation"]!["has_mismatches"]!);
        Assert.Equal([5L], result.Report["validation"]!["response"]!["mismatch_nonces"]!.Values<long>());
        Assert.Contains("mismatch_nonces=[5]", result.Console);
    }

    [Fact]
    public async Task Run_DishonestNode_FailsWithExitTwoAndTheEvidence()
    {
        await using var harness = await RunHarness.StartAsync(RunHarness.With("dishonest:0.5"));
        harness.WriteReference();

        var result = await harness.RunAsync();

        Assert.Equal(ExitCodes.Fraud, result.ExitCode);
        Assert.Equal("FAIL (fraud_detected)", result.Verdict);
        var response = result.Report["validation"]!["response"]!;
        Assert.True((bool)response["fraud_detected"]!);
        Assert.InRange((int)response["n_mismatch"]!, 8, 24);
        Assert.True((double)response["p_value"]! < 0.01);
        Assert.False((bool)result.Report["validation"]!["passed"]!);
        Assert.Contains("FAIL — ", result.Console);
        Assert.DoesNotContain("\\n", result.Console);
    }

    [Fact]
    public async Task Run_SkipValidate_IsValidationSkippedExitZeroAndNoGenerateCall()
    {
        await using var harness = await RunHarness.StartAsync();
        harness.WriteReference();

        var result = await harness.RunAsync(("skip-validate", string.Empty));

        Assert.Equal(ExitCodes.Pass, result.ExitCode);
        Assert.Equal("validation skipped", result.Verdict);
        Assert.Equal("skipped", (string?)result.Report["phases"]!["validate"]!["state"]);
        Assert.Empty(harness.Simulator.Journal.To("POST", "/api/v1/inference/pow/generate"));
        Assert.Contains("[4/4] validate: skipped (--skip-validate)", result.Console);
        Assert.Contains("[validate] skipped (--skip-validate)", result.Console);
    }

    [Fact]
    public async Task Run_SkipThroughput_NoGenerationStartedAndValidationStillRuns()
    {
        await using var harness = await RunHarness.StartAsync();
        harness.WriteReference();

        var result = await harness.RunAsync(("skip-throughput", string.Empty));

        Assert.Equal("PASS", result.Verdict);
        Assert.Empty(harness.Simulator.Journal.To("POST", "/api/v1/inference/pow/init/generate"));
        Assert.Empty(harness.Simulator.Journal.To("POST", "/api/v1/inference/pow/stop"));
        Assert.Equal("--skip-throughput", (string?)result.Report["phases"]!["throughput"]!["reason"]);
        Assert.Null(result.Report["throughput"]!.Value<JObject?>());
        Assert.Contains("[3/4] throughput: skipped (--skip-throughput)", result.Console);
    }

    [Fact]
    public async Task Run_IncoherentReply_IsAHardErrorNeverAPass()
    {
        await using var harness = await RunHarness.StartAsync(RunHarness.With("incoherent"));
        harness.WriteReference();

        var result = await harness.RunAsync();

        Assert.Equal(ExitCodes.Error, result.ExitCode);
        Assert.Equal("ERROR", result.Verdict);
        Assert.Contains("incoherent (n_total=33 but 32 nonces were sent)", (string?)result.Report["error"]!["message"]);
        Assert.False((bool)result.Report["validation"]!["coherent"]!);
        Assert.Null(result.Report["validation"]!["passed"]!.Value<bool?>());
    }

    [Fact]
    public async Task Run_LyingNode_ContradictionIsAHardError()
    {
        await using var harness = await RunHarness.StartAsync(RunHarness.With("dishonest:0.5", "lying"));
        harness.WriteReference();

        var result = await harness.RunAsync();

        Assert.Equal(ExitCodes.Error, result.ExitCode);
        Assert.Contains("fraud_detected=false contradicts p_value", result.Outcome.Error);
    }

    [Fact]
    public async Task Run_ReferenceBakedAtAnotherBatch_DiffersOnEveryNonceAtTheServerDefaultThreshold()
    {
        await using var harness = await RunHarness.StartAsync();
        harness.WriteReference(TestReferences.Document(collectionBatch: 16, distThreshold: null));

        var exact = await harness.RunAsync(("skip-throughput", string.Empty));
        var drifted = await harness.RunAsync(("skip-throughput", string.Empty), ("validation-batch-size", "32"));

        Assert.Equal("PASS", exact.Verdict);
        Assert.Equal(16, (int)JObject.Parse(harness.Simulator.Journal.To("POST", "/api/v1/inference/pow/generate")[0].Body)["batch_size"]!);
        Assert.Equal(32, (int)drifted.Report["validation"]!["response"]!["n_mismatch"]!);
        Assert.Equal("FAIL (fraud_detected)", drifted.Verdict);
    }

    [Fact]
    public async Task Run_ReferenceBakedAtAnotherBatch_StaysWithinTheConsensusThreshold()
    {
        await using var harness = await RunHarness.StartAsync();
        harness.WriteReference(TestReferences.Document(collectionBatch: 16));

        var result = await harness.RunAsync(("skip-throughput", string.Empty), ("validation-batch-size", "32"));

        Assert.Equal("PASS", result.Verdict);
    }
}
