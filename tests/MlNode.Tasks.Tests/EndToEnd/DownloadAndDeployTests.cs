using MlNode.Tasks.Common;
using MlNode.Tasks.Phases;
using MlNode.Tasks.Tests.Support;
using Newtonsoft.Json.Linq;


namespace MlNode.Tasks.Tests.EndToEnd;

/// <summary>[1/4] download and [2/4] deploy: every path and failure mode of the contract.</summary>
[Trait("Category", "Integration")]
public sealed class DownloadAndDeployTests
{

    [Fact]
    public async Task Download_AlreadyCached_IsAlreadyDownloadedWithoutADownloadRequest()
    {
        await using var harness = await RunHarness.StartAsync(RunHarness.FastSimulator with { Preloaded = [TestReferences.Model] });
        harness.WriteReference();

        var result = await harness.RunAsync(("skip-throughput", string.Empty));

        Assert.Equal("already_downloaded", (string?)result.Report["download"]!["action"]);
        Assert.Empty(harness.Simulator.Journal.To("POST", "/api/v1/models/download"));
    }

    [Fact]
    public async Task Download_NotFoundAfterDownloading_FailsWithTheContractsMessage()
    {
        await using var harness = await RunHarness.StartAsync(RunHarness.With("download-not-found"));
        harness.WriteReference();

        var result = await harness.RunAsync();

        Assert.Equal(ExitCodes.Error, result.ExitCode);
        Assert.StartsWith("model download failed (status went to NOT_FOUND)", result.Outcome.Error);
        Assert.Equal("failed", (string?)result.Report["phases"]!["download"]!["state"]);
        Assert.Equal("pending", (string?)result.Report["phases"]!["deploy"]!["state"]);
        Assert.Equal("download", (string?)result.Report["error"]!["phase"]);
        Assert.Contains("[deploy] N/A (not reached)", result.Console);
        Assert.Contains("ERROR: model download failed", result.Console);
    }

    [Fact]
    public async Task Download_PartialAfterDownloading_Fails()
    {
        await using var harness = await RunHarness.StartAsync(RunHarness.With("download-partial"));
        harness.WriteReference();

        var result = await harness.RunAsync();

        Assert.StartsWith("model download failed (status went to PARTIAL", result.Outcome.Error);
        Assert.Contains("rate limited", result.Outcome.Error);
    }

    [Fact]
    public async Task Download_Stuck_TimesOutWithTheLastStatus()
    {
        await using var harness = await RunHarness.StartAsync(RunHarness.With("download-stuck"));
        harness.WriteReference();

        var result = await harness.RunAsync(("download-timeout", "0.6"));

        Assert.Equal(ExitCodes.Error, result.ExitCode);
        Assert.StartsWith("model download did not complete in 0.6s; last status: {", result.Outcome.Error);
        Assert.Contains("\"status\":\"DOWNLOADING\"", result.Outcome.Error);
        Assert.Contains("DOWNLOADING (server elapsed:", result.Console);
    }

    [Fact]
    public async Task Download_OfflineNode_IgnoredIsAHardError()
    {
        await using var harness = await RunHarness.StartAsync(RunHarness.With("offline"));
        harness.WriteReference();

        var result = await harness.RunAsync();

        Assert.Equal(ExitCodes.Error, result.ExitCode);
        Assert.Contains("answered IGNORED", result.Outcome.Error);
        Assert.Contains("will never download", result.Outcome.Error);
    }

    [Fact]
    public async Task Download_SkipFlag_SendsNoModelRequests()
    {
        await using var harness = await RunHarness.StartAsync(RunHarness.FastSimulator with { Preloaded = [TestReferences.Model] });
        harness.WriteReference();

        var result = await harness.RunAsync(("skip-download", string.Empty));

        Assert.Equal("PASS", result.Verdict);
        Assert.DoesNotContain(harness.Simulator.Journal.Requests, r => r.Path.StartsWith("/api/v1/models", StringComparison.Ordinal));
        Assert.Null(result.Report["download"]!.Value<JObject?>());
    }

    [Fact]
    public async Task Deploy_AlreadyRunning_ArgsNotAppliedAndSaidSo()
    {
        await using var harness = await RunHarness.StartAsync(RunHarness.FastSimulator with { Running = TestReferences.Model, RunningTp = 4 });
        harness.WriteReference();

        var result = await harness.RunAsync();

        Assert.Equal("PASS", result.Verdict);
        Assert.Equal("already_running", (string?)result.Report["deploy"]!["action"]);
        Assert.False((bool)result.Report["deploy"]!["applied"]!);
        Assert.Empty(harness.Simulator.Journal.To("POST", "/api/v1/inference/up/async"));
        Assert.Contains("WARNING: vLLM was already running; the deploy config above was NOT applied", result.Console);
        Assert.Contains("applied? no - vLLM was already running: these args were NOT applied to the live vLLM process", result.Console);
        Assert.Contains(result.Report["warnings"]!, w => ((string?)w)!.Contains("NOT applied", StringComparison.Ordinal));
        Assert.Contains("verdict: PASS\n  on a deployment this run did not set: vLLM was already running", File.ReadAllText(Path.Combine(result.ExperimentDirectory, "validate_report.txt")).ReplaceLineEndings("\n"));
    }

    [Theory]
    [InlineData("redeploy", "--redeploy")]
    [InlineData("node-config", "--node-config names the args to validate")]
    public async Task Deploy_AlreadyRunningOtherArgs_TakenDownAndTheResolvedArgsDeployed(string argument, string reason)
    {
        // Given: vLLM already runs the model at TP 2, with args this run did not set
        await using var harness = await RunHarness.StartAsync(RunHarness.FastSimulator with { Running = TestReferences.Model, RunningTp = 2 });
        harness.WriteReference();
        var nodeConfig = harness.Root.Combine("node-config.json");
        File.WriteAllText(nodeConfig, new JArray(new JObject { ["id"] = "n1", ["models"] = new JObject { [TestReferences.Model] = new JObject { ["args"] = new JArray("--tensor-parallel-size", "4") } } }).ToString());

        // When
        var result = await harness.RunAsync(argument == "redeploy" ? ("redeploy", string.Empty) : ("node-config", nodeConfig));

        // Then: down, then up with the resolved args; the report and the plan say why
        Assert.Equal("PASS", result.Verdict);
        var journal = harness.Simulator.Journal;
        Assert.True(journal.To("POST", "/api/v1/inference/down").Single().Sequence < journal.To("POST", "/api/v1/inference/up/async").Single().Sequence);
        Assert.Equal(["--tensor-parallel-size", "4"], JObject.Parse(journal.To("POST", "/api/v1/inference/up/async").Single().Body)["additional_args"]!.Values<string>());
        Assert.Equal("redeployed", (string?)result.Report["deploy"]!["action"]);
        Assert.True((bool)result.Report["deploy"]!["applied"]!);
        Assert.Equal(reason, (string?)result.Report["deploy_config"]!["redeploy_if_running"]);
        Assert.Contains($"a vLLM already running is taken down and redeployed with these args ({reason})", result.Console);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Deploy_AlreadyServingAnotherModel_StopsBeforeAnyPocWork(bool skipDeploy)
    {
        // Given a node whose vLLM already serves other weights
        await using var harness = await RunHarness.StartAsync(RunHarness.FastSimulator with { Running = "OtherOrg/Other-Model-7B" });
        harness.WriteReference();

        // When the run reaches deploy (or its skip check)
        var result = skipDeploy ? await harness.RunAsync(("skip-deploy", string.Empty)) : await harness.RunAsync();

        // Then it fails with the served model named, and neither restarts vLLM nor measures or validates anything
        Assert.Equal(ExitCodes.Error, result.ExitCode);
        Assert.StartsWith($"vLLM on the node is already serving 'OtherOrg/Other-Model-7B', not '{TestReferences.Model}'", result.Outcome.Error);
        Assert.Contains("POST /api/v1/inference/down", result.Outcome.Error);
        Assert.Empty(harness.Simulator.Journal.To("POST", "/api/v1/inference/up/async"));
        Assert.Empty(harness.Simulator.Journal.To("POST", "/api/v1/inference/down"));
        Assert.Empty(harness.Simulator.Journal.To("POST", "/api/v1/inference/pow/init/generate"));
        Assert.Empty(harness.Simulator.Journal.To("POST", "/api/v1/inference/pow/generate"));
    }

    [Fact]
    public async Task Deploy_StartupFails_SurfacesTheWholeStatusAndStops()
    {
        await using var harness = await RunHarness.StartAsync(RunHarness.With("deploy-fails:RuntimeError: FP8 is not supported on this GPU"));
        harness.WriteReference();

        var result = await harness.RunAsync();

        Assert.Equal(ExitCodes.Error, result.ExitCode);
        Assert.StartsWith("vLLM startup failed: ", result.Outcome.Error);
        Assert.DoesNotContain("{", result.Outcome.Error);
        Assert.Equal("failed", (string?)result.Report["deploy"]!["status"]!["status"]);
        Assert.Contains("FP8 is not supported on this GPU", result.Outcome.Error);
        Assert.Single(harness.Simulator.Journal.To("POST", "/api/v1/inference/up/async"));
        Assert.Empty(harness.Simulator.Journal.To("POST", "/api/v1/inference/pow/init/generate"));
    }

    [Fact]
    public async Task Deploy_TensorParallelThatDoesNotFit_FailsLikeARealNode()
    {
        await using var harness = await RunHarness.StartAsync();
        harness.WriteReference();

        var result = await harness.RunAsync(("tp-size", "3"));

        Assert.Contains("tensor_parallel_size=3 does not fit 8 GPUs", result.Outcome.Error);
        Assert.Equal(["--tensor-parallel-size", "3"], JObject.Parse(harness.Simulator.Journal.To("POST", "/api/v1/inference/up/async").Single().Body)["additional_args"]!.Values<string>());
    }

    [Fact]
    public async Task Deploy_NeverReady_TimesOutWithTheLastStatus()
    {
        await using var harness = await RunHarness.StartAsync(RunHarness.FastSimulator with { DeploySeconds = 60 });
        harness.WriteReference();

        var result = await harness.RunAsync(("deploy-timeout", "0.5"));

        Assert.StartsWith("vLLM did not become ready within 0.5s; last status: {", result.Outcome.Error);
        Assert.Contains("\"is_starting\":true", result.Outcome.Error);
    }

    [Fact]
    public async Task Deploy_SkippedButNotRunning_AbortsBeforeThroughput()
    {
        await using var harness = await RunHarness.StartAsync(RunHarness.FastSimulator with { Preloaded = [TestReferences.Model] });
        harness.WriteReference();

        var result = await harness.RunAsync(("skip-deploy", string.Empty));

        Assert.Equal(ExitCodes.Error, result.ExitCode);
        Assert.StartsWith("vLLM is not running on the node and deploy was skipped (--skip-deploy)", result.Outcome.Error);
        Assert.Empty(harness.Simulator.Journal.To("POST", "/api/v1/inference/pow/init/generate"));
    }

    [Fact]
    public async Task Deploy_SkippedAndRunning_VerifiesAndProceeds()
    {
        await using var harness = await RunHarness.StartAsync(RunHarness.FastSimulator with { Running = TestReferences.Model, RunningTp = 2 });
        harness.WriteReference();

        var result = await harness.RunAsync(("skip-deploy", string.Empty));

        Assert.Equal("PASS", result.Verdict);
        Assert.Equal("skipped", (string?)result.Report["deploy"]!["action"]);
        Assert.True((bool)result.Report["deploy"]!["verified_running"]!);
        Assert.Equal(4, (int)result.Report["throughput"]!["summary"]!["n_backends"]!);
        Assert.Contains("applied? no - deploy skipped (--skip-deploy)", result.Console);
    }

    [Fact]
    public async Task ExclusiveValidate_NodeRunning_RunsOnlyValidation()
    {
        await using var harness = await RunHarness.StartAsync(RunHarness.FastSimulator with { Running = TestReferences.Model });
        harness.WriteReference();

        var result = await harness.RunAsync(TestGraph.Plan("Validate", exclusive: true));

        Assert.Equal("PASS", result.Verdict);
        Assert.Contains("[1/4] download: skipped (--exclusive runs only Validate)", result.Console);
        Assert.Contains("[3/4] throughput: skipped (--exclusive runs only Validate)", result.Console);
        // Who the node is, then the validation call, then the call for the node's own vectors that checks its verdict.
        Assert.Equal(
            ["/api/v1/state", "/api/v1/versions", "/api/v1/inference/up/status", "/api/v1/inference/pow/status", "/api/v1/inference/pow/generate", "/api/v1/inference/pow/generate"],
            harness.Simulator.Journal.Requests.Select(r => r.Path));
    }

    [Fact]
    public async Task ExclusiveValidate_NodeNotRunning_IsAClearError()
    {
        await using var harness = await RunHarness.StartAsync();
        harness.WriteReference();

        var result = await harness.RunAsync(TestGraph.Plan("Validate", exclusive: true));

        Assert.StartsWith("vLLM is not running on the node and deploy was skipped (--exclusive runs only Validate)", result.Outcome.Error);
    }

    [Fact]
    public async Task TargetDeploy_LaterPhasesAreNotPartOfIt()
    {
        await using var harness = await RunHarness.StartAsync();
        harness.WriteReference();

        var result = await harness.RunAsync(TestGraph.Plan("Deploy"));

        Assert.Equal("validation skipped", result.Verdict);
        Assert.Equal(ExitCodes.Pass, result.ExitCode);
        Assert.Equal("skipped", (string?)result.Report["phases"]!["throughput"]!["state"]);
        Assert.Equal("not part of --target=Deploy", (string?)result.Report["phases"]!["throughput"]!["reason"]);
    }

    [Fact]
    public async Task AllReferences_SameConfigIsReusedOtherConfigIsRedeployed()
    {
        await using var harness = await RunHarness.StartAsync();
        var memory = new DeployMemory();
        harness.WriteReference();
        var tp2 = TestReferences.Write(harness.Root.Combine("variants"), TestReferences.Document(additionalArgs: ["--tensor-parallel-size", "2"]), "testorg-tiny-poc-1b-tp2.json");

        var first = await harness.RunAsync(null, default, memory, ("skip-throughput", string.Empty));
        var same = await harness.RunAsync(null, default, memory, ("skip-throughput", string.Empty));
        var other = await harness.RunAsync(null, default, memory, ("skip-throughput", string.Empty), ("reference", tp2));

        Assert.Equal(["deployed", "reused", "redeployed"], new[] { first, same, other }.Select(r => (string?)r.Report["deploy"]!["action"]));
        Assert.All(new[] { first, same, other }, r => Assert.True((bool)r.Report["deploy"]!["applied"]!));
        Assert.Single(harness.Simulator.Journal.To("POST", "/api/v1/inference/down"));
        Assert.Equal(2, harness.Simulator.Journal.To("POST", "/api/v1/inference/up/async").Count);
        Assert.Equal(4, harness.Simulator.Vllm.Replicas);
    }
}
