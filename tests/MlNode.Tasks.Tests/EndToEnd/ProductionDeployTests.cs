using MlNode.Tasks.Common;
using MlNode.Tasks.Configuration;
using MlNode.Tasks.Deployment;
using MlNode.Tasks.References;
using MlNode.Tasks.Tests.Support;
using Newtonsoft.Json.Linq;

namespace MlNode.Tasks.Tests.EndToEnd;

/// <summary>
/// What production deploys: the server's own node config replaces the reference's recording args, the batch size is
/// the node's unless asked, a backend the proxy cannot reach does not fail an honest node, and the validation call
/// survives a connection dropped before any answer.
/// </summary>
[Trait("Category", "Integration")]
public sealed class ProductionDeployTests
{
    private const string Glm = "zai-org/GLM-5.3-Flash";

    [Fact]
    public async Task Deploy_RealGlmReferenceWithRealH100NodeConfig_SendsTheNodeConfigArgsPlusOverridesNeverTheGoldens()
    {
        // Given: gonka's GLM reference and the H100 node config that gonka ships for that model (they differ)
        var real = TestReferences.RealReferencesDirectory();
        var configs = TestReferences.NodeConfigsDirectory();
        Assert.SkipWhen(real is null || configs is null, "../shared/fixtures (real references and node configs) is not present on this machine");
        var reference = Path.Combine(real!, "zai-org-glm-5.3-flash.json");
        var nodeConfig = Path.Combine(configs!, "node-config-glm53flash-H100.json");
        Assert.SkipUnless(File.Exists(reference) && File.Exists(nodeConfig), "the GLM reference or the GLM H100 node config is not among the fixtures");
        var configArgs = ((JArray)JArray.Parse(await File.ReadAllTextAsync(nodeConfig))[0]["models"]![Glm]!["args"]!).Values<string>().Select(a => a!).ToList();
        var goldenArgs = ReferenceReader.Load(reference).Header.AdditionalArgs;
        Assert.NotEqual(goldenArgs, configArgs);
        await using var harness = await RunHarness.StartAsync();

        // When: the node is deployed and measured with the node config and one extra arg
        var result = await harness.RunAsync(
            ("model", Glm), ("reference", reference), ("node-config", nodeConfig), ("extra-arg", "--enforce-eager"), ("skip-validate", string.Empty));

        // Then: up/async carried exactly the node config's args plus the override, and the report says where they came from
        Assert.Equal(ExitCodes.Pass, result.ExitCode);
        var up = JObject.Parse(harness.Simulator.Journal.To("POST", "/api/v1/inference/up/async").Single().Body);
        Assert.Equal([.. configArgs, "--enforce-eager"], up["additional_args"]!.Values<string>());
        var deploy = result.Report["deploy_config"]!;
        Assert.StartsWith("node-config ", (string?)deploy["baseline"]);
        Assert.EndsWith("node-config-glm53flash-H100.json node1", (string?)deploy["baseline"]);
        Assert.Equal(goldenArgs, deploy["reference_additional_args"]!.Values<string>());
        Assert.Equal(configArgs, deploy["node_args"]!.Values<string>());
        Assert.Contains("reference recorded with (FYI): [--revision", result.Console);
        Assert.Contains("deploy config (the node's own args from node-config ", result.Console);
    }

    [Fact]
    public async Task Report_WithoutNodeConfig_DeploysTheReferenceArgsAndSaysTheyAreRecordingArgs()
    {
        await using var harness = await RunHarness.StartAsync();
        harness.WriteReference();

        var result = await harness.RunAsync(("skip-validate", string.Empty));

        Assert.Equal("reference", (string?)result.Report["deploy_config"]!["baseline"]);
        Assert.Empty(result.Report["deploy_config"]!["node_args"]!);
        Assert.Contains("these are the reference's recording args, not necessarily what production runs; pass --node-config=", result.Console);
    }

    [Fact]
    public void Resolve_NodeConfigWithTwoNodesOfDifferentArgs_OneErrorListingTheIdsUnlessOneIsPicked()
    {
        // Given: a node config whose two nodes give the model different args
        using var root = new TempDirectory();
        TestReferences.Write(root.Combine("references"), TestReferences.Document());
        var file = root.Combine("nodes.json");
        File.WriteAllText(file, """
            [ {"id": "h100", "host": "a", "poc_port": 8080, "models": {"MODEL": {"args": ["--tensor-parallel-size", "8"]}}},
              {"id": "h200", "host": "b", "poc_port": 8080, "models": {"MODEL": {"args": ["--tensor-parallel-size", "4"]}}} ]
            """.Replace("MODEL", TestReferences.Model, StringComparison.Ordinal));
        RunSettings Resolve(params KeyValuePair<string, string>[] extra) => RunSettingsResolver.Resolve(
            SettingsSources.From([new("mlnode-url", "http://127.0.0.1:1"), new("model", TestReferences.Model), new("node-config", file), .. extra], root.Path), TaskPlan.AllPhases);

        // When / Then: without an id, one error naming both ids and the fix; with one, that node's args
        var error = Assert.Throws<InputException>(() => Resolve());
        Assert.Contains("different args on nodes h100, h200; pick the server's node with --node-config-id=<id>", error.Message);
        var picked = Resolve(KeyValuePair.Create("node-config-id", "h200"));
        Assert.Equal(["--tensor-parallel-size", "4"], picked.Deploy.AdditionalArgs);
        Assert.EndsWith("nodes.json h200", picked.Deploy.Baseline.Origin);
        Assert.Contains("has no node 'h300'; its nodes are h100, h200", Assert.Throws<InputException>(() => Resolve(KeyValuePair.Create("node-config-id", "h300"))).Message);
    }

    [Fact]
    public void Select_RealTwoNodeH200Config_IdenticalArgsAreFine()
    {
        var configs = TestReferences.NodeConfigsDirectory();
        Assert.SkipWhen(configs is null, "../shared/fixtures/node-configs is not present on this machine");
        var file = Path.Combine(configs!, "node-config-glm53flash-8xH200.json");
        Assert.SkipUnless(File.Exists(file), "the GLM 8xH200 node config is not among the fixtures");

        var nodes = NodeConfigFile.Read(file, "--node-config");
        var baseline = NodeConfigFile.Select(nodes, "h200.json", ModelId.Parse(Glm), null);

        Assert.Equal("node-config h200.json node1,node2", baseline.Origin);
        Assert.Equal("4", DeployArguments.ValueOf(baseline.Args, DeployArguments.TensorParallelSize));
    }

    [Theory]
    [InlineData("[{\"id\": \"n1\", \"models\": {\"Other/Model\": {\"args\": []}, \"Org/Third\": {}}}]", "does not configure 'TestOrg/Tiny-PoC-1B'; it configures Org/Third, Other/Model")]
    [InlineData("{\"id\": \"n1\"}", "is not a JSON array of node definitions (the file is not a JSON array)")]
    [InlineData("[", "is not a JSON array of node definitions (not valid JSON (RFC 8259)")]
    [InlineData("[{\"id\": \"n1\", \"id\": \"n2\", \"models\": {}}]", "'id' appears twice in one object")]
    [InlineData("[{\"id\": \"n1\", \"models\": {\"TestOrg/Tiny-PoC-1B\": {\"args\": [\"--max-model-len\", 8192]}}}]", "model 'TestOrg/Tiny-PoC-1B' has an arg that is not a string but integer 8192")]
    [InlineData("[{\"id\": \"n1\", \"models\": {\"TestOrg/Tiny-PoC-1B\": {\"args\": [\"--a\"]}}}, {\"id\": \"n1\", \"models\": {\"TestOrg/Tiny-PoC-1B\": {\"args\": [\"--b\"]}}}]", "lists node 'n1' more than once, with different args")]
    [InlineData("[]", "lists no nodes")]
    [InlineData("[{\"models\": {}}]", "node [0] has no 'id'")]
    [InlineData("[{\"id\": \"n1\", \"models\": {\"TestOrg/Tiny-PoC-1B\": {\"args\": [\"--x\", null]}}}]", "has a null in 'args'")]
    public void Resolve_BadNodeConfig_OneErrorNamingWhatIsWrong(string json, string expected)
    {
        using var root = new TempDirectory();
        TestReferences.Write(root.Combine("references"), TestReferences.Document());
        var file = root.Combine("node-config.json");
        File.WriteAllText(file, json);

        var error = Assert.Throws<InputException>(() => RunSettingsResolver.Resolve(
            SettingsSources.From([new("mlnode-url", "http://127.0.0.1:1"), new("model", TestReferences.Model), new("node-config", file)], root.Path), TaskPlan.AllPhases));

        Assert.Contains(expected, error.Message);
        Assert.DoesNotContain('\n', error.Message);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("16")]
    public async Task Throughput_BatchSize_SentOnlyWhenAsked(string? batchSize)
    {
        await using var harness = await RunHarness.StartAsync();
        harness.WriteReference();
        (string, string)[] arguments = batchSize is null ? [("skip-validate", string.Empty)] : [("skip-validate", string.Empty), ("batch-size", batchSize)];

        var result = await harness.RunAsync(arguments);

        var init = JObject.Parse(harness.Simulator.Journal.To("POST", "/api/v1/inference/pow/init/generate").Single().Body);
        Assert.Equal(batchSize, (string?)init["batch_size"]);
        var poc = result.Report["poc_params"]!;
        Assert.Equal(batchSize is null ? "unset (node default)" : "cli", (string?)poc["throughput_batch_size_source"]);
        Assert.Contains(batchSize is null ? "throughput_batch_size=unset (node default)" : $"throughput_batch_size={batchSize} (cli)", result.Console);
    }

    [Fact]
    public async Task Throughput_UnreachableBackendBesideGeneratingOnes_PassesWithTheWarningAndLeavesItOutOfTheSums()
    {
        // Given: an honest node whose proxy also lists a backend it cannot reach
        await using var harness = await RunHarness.StartAsync(RunHarness.With("unreachable-backend"));
        harness.WriteReference();

        // When
        var result = await harness.RunAsync();

        // Then: PASS, the backend is reported and left out, and the sums are the generating replicas' (truth)
        Assert.Equal(ExitCodes.Pass, result.ExitCode);
        var unhealthy = Assert.Single(result.Report["throughput"]!["unhealthy_backends"]!);
        Assert.Equal(5999, (int)unhealthy["port"]!);
        Assert.Equal("ERROR", (string?)unhealthy["status"]);
        Assert.Equal("connection refused", (string?)unhealthy["detail"]);
        Assert.Contains("WARNING: backend port 5999 was ERROR (connection refused): left out of the throughput sums", result.Console);
        Assert.Contains("unhealthy backend (left out of the sums): port 5999 ERROR: connection refused", result.Console);
        var summary = result.Report["throughput"]!["summary"]!;
        var truth = harness.Simulator.Pow.Truth();
        Assert.Equal(truth.Count, (int)summary["n_backends"]!);
        Assert.DoesNotContain(5999, result.Report["throughput"]!["samples"]!.SelectMany(s => s["ports"]!.Values<int>()));
    }

    [Fact]
    public async Task Throughput_ReplicaDiesMidWindow_FailsNamingWhatItBecameWithoutBlamingAnotherClient()
    {
        await using var harness = await RunHarness.StartAsync(RunHarness.With("replica-dies:0.3"));
        harness.WriteReference();

        var result = await harness.RunAsync(("measure-seconds", "1"));

        Assert.Equal(ExitCodes.Error, result.ExitCode);
        Assert.Contains("throughput: replica 5001 went to ERROR at ", result.Outcome.Error);
        Assert.Contains(MlNode.Simulator.State.PowEngine.DiedDetail, result.Outcome.Error);
        Assert.DoesNotContain("another client", result.Outcome.Error);
        Assert.Single(harness.Simulator.Journal.To("POST", "/api/v1/inference/pow/stop"));
    }

    [Fact]
    public async Task Throughput_ReplicaDiesDuringWarmUp_FailsInsteadOfMeasuringTheRest()
    {
        // Given: two replicas take generation, and the first goes to ERROR before the 1 s warm-up ends
        await using var harness = await RunHarness.StartAsync(RunHarness.With("replica-dies:0.2"));
        harness.WriteReference();

        // When
        var result = await harness.RunAsync(("warmup-seconds", "1"), ("measure-seconds", "0.6"));

        // Then: no PASS on the one replica left
        Assert.Equal(ExitCodes.Error, result.ExitCode);
        Assert.Contains("1 of the 2 replicas that took generation stopped during warm-up", result.Outcome.Error);
        Assert.Contains("5001", result.Outcome.Error);
    }

    [Fact]
    public async Task Validate_ConnectionDroppedBeforeAnyAnswer_SentAgainOnceWithAWarning()
    {
        await using var harness = await RunHarness.StartAsync(RunHarness.With("drop-first:1@/api/v1/inference/pow/generate"));
        harness.WriteReference();

        var result = await harness.RunAsync(("skip-throughput", string.Empty));

        Assert.True(result.ExitCode == ExitCodes.Pass, result.Console);
        // The call for the node's own vectors (which checks the verdict), sent again once, then the validation.
        Assert.Equal(3, harness.Simulator.Journal.To("POST", "/api/v1/inference/pow/generate").Count);
        Assert.Contains(result.Report["warnings"]!.Values<string>(), w => w!.Contains("connection closed before any answer", StringComparison.Ordinal) && w.Contains("sent again", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("hang@/api/v1/inference/pow/generate", "got no answer within 1s")]
    [InlineData("lost-reply@/api/v1/inference/pow/generate", "HTTP 502")]
    public async Task Validate_TimeoutOrHttpAnswer_NeverSentAgain(string fault, string expected)
    {
        await using var harness = await RunHarness.StartAsync(RunHarness.With(fault));
        harness.WriteReference();

        var result = await harness.RunAsync(("skip-throughput", string.Empty), ("validation-timeout", "1"));

        Assert.Equal(ExitCodes.Error, result.ExitCode);
        Assert.Contains(expected, result.Outcome.Error);
        Assert.Single(harness.Simulator.Journal.To("POST", "/api/v1/inference/pow/generate"));
    }
}
