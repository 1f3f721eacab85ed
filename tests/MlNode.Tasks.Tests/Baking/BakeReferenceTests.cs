using MlNode.Simulator;
using MlNode.Simulator.State;
using MlNode.Tasks.Baking;
using MlNode.Tasks.Common;
using MlNode.Tasks.Configuration;
using MlNode.Tasks.PoC;
using MlNode.Tasks.References;
using MlNode.Tasks.Tests.Support;
using Newtonsoft.Json.Linq;

namespace MlNode.Tasks.Tests.Baking;

[Trait("Category", "Integration")]
public sealed class BakeReferenceTests : IDisposable
{
    private const string Model = "TestOrg/Bake-Me-7B";
    private static readonly TaskPlan FullBake = TestGraph.Plan("BakeReference");
    private static readonly TaskPlan ExclusiveBake = TestGraph.Plan("BakeReference", exclusive: true);
    private readonly TempDirectory _root = new();

    private string OutPath => _root.Combine("references", "testorg-bake-me-7b.json");

    private BakeSettings Resolve(string url, TaskPlan plan, params (string Name, string Value)[] arguments)
    {
        var all = new List<KeyValuePair<string, string>> { new("mlnode-url", url), new("model", Model), new("seq-len", "256"), new("poll-interval-min", "0.03"), new("poll-interval-max", "0.1") };
        all.AddRange(arguments.Select(a => new KeyValuePair<string, string>(a.Name, a.Value)));
        return BakeSettingsResolver.Resolve(SettingsSources.From(all, _root.Path), plan, DateTimeOffset.Now);
    }

    [Fact]
    public async Task Bake_WithNodeConfig_DeploysAndRecordsTheNodeConfigArgs()
    {
        // Given: the trusted node's own node config (gonka's format)
        await using var node = await MlNodeSimulator.StartAsync(RunHarness.FastSimulator);
        var config = _root.Combine("node-config.json");
        File.WriteAllText(config, $"[{{\"id\": \"node1\", \"host\": \"ignored\", \"poc_port\": 1, \"models\": {{\"{Model}\": {{\"args\": [\"--tensor-parallel-size\", \"2\", \"--max-num-seqs\", \"64\"]}}}}}}]");
        var settings = Resolve(node.BaseUrl, FullBake, ("node-config", config), ("num-nonces", "8"));

        // When
        var (code, console) = await BakeRunner.BakeAsync(settings);

        // Then: vLLM ran with the node config's args, and the baked file records them
        Assert.True(code == 0, console);
        string[] expected = ["--tensor-parallel-size", "2", "--max-num-seqs", "64"];
        Assert.Equal(expected, JObject.Parse(node.Journal.To("POST", "/api/v1/inference/up/async").Single().Body)["additional_args"]!.Values<string>());
        Assert.Equal(expected, ReferenceReader.Load(OutPath).Header.AdditionalArgs);
    }

    [Fact]
    public void Resolve_OutputFolderCannotBeWritten_RefusedBeforeTheBake()
    {
        // Given: an --out whose folder is a regular file (as unwritable as a read-only mount, and so even for root)
        var file = _root.Combine("not-a-folder");
        File.WriteAllText(file, "x");

        var error = Assert.Throws<InputException>(() => Resolve("http://127.0.0.1:1", FullBake, ("out", Path.Combine(file, "ref.json"))));

        Assert.Contains("cannot be written: '" + file + "' is a file, not a folder; pass --out=<a file in a folder you can write>", error.Message);
        Assert.Empty(Directory.GetFiles(_root.Path, ".mlnode-write-check-*"));
    }

    [Fact]
    public void Resolve_AdditionalArgsAndNodeConfig_OneErrorSayingPassOne()
    {
        var config = _root.Combine("node-config.json");
        File.WriteAllText(config, $"[{{\"id\": \"node1\", \"models\": {{\"{Model}\": {{\"args\": []}}}}}}]");

        var error = Assert.Throws<InputException>(() => Resolve("http://127.0.0.1:1", FullBake, ("node-config", config), ("additional-args", "[\"--x\"]")));

        Assert.Contains("--additional-args and --node-config both give the args to bake with; pass one of them", error.Message);
    }

    [Fact]
    public async Task Bake_TrustedNode_WritesAValidSortedVerifiedReference()
    {
        await using var node = await MlNodeSimulator.StartAsync(RunHarness.FastSimulator);
        var settings = Resolve(node.BaseUrl, FullBake, ("additional-args", "[\"--tensor-parallel-size\",\"2\"]"), ("num-nonces", "16"), ("source", "trusted 8xSim"));

        var (code, console) = await BakeRunner.BakeAsync(settings);

        Assert.Equal(0, code);
        var reference = ReferenceReader.Load(OutPath);
        Assert.Equal(Model, reference.Header.Model.Value);
        Assert.Equal(Enumerable.Range(0, 16).Select(n => (long)n), reference.Vectors.Select(v => v.Nonce));
        Assert.Equal(new PocParameters(256, 12, "TEST_BLOCK", 100, "test_pub_keys", 0, 1), reference.Poc);
        Assert.Equal(["--tensor-parallel-size", "2"], reference.Header.AdditionalArgs);
        Assert.Equal("trusted 8xSim", reference.Header.Source);
        Assert.Null(reference.Header.CollectionBatchSize);
        Assert.Equal(0.2, reference.Header.DistThreshold);
        var inputs = new VectorInputs(Model, 256, 12, "TEST_BLOCK", "test_pub_keys");
        Assert.Equal(VectorOracle.Encode(VectorOracle.Honest(inputs, 3, node.Options.NodeBatchSize)), reference.Vectors[3].VectorBase64);

        var generates = node.Journal.To("POST", "/api/v1/inference/pow/generate").Select(r => JObject.Parse(r.Body)).ToList();
        Assert.Equal(2, generates.Count);
        Assert.Null(generates[0]["validation"]);
        Assert.Null(generates[0]["batch_size"]);
        Assert.Equal(16, ((JArray)generates[1]["validation"]!["artifacts"]!).Count);
        Assert.Equal(0.2, (double)generates[1]["stat_test"]!["dist_threshold"]!);
        Assert.Equal(["--tensor-parallel-size", "2"], JObject.Parse(node.Journal.To("POST", "/api/v1/inference/up/async").Single().Body)["additional_args"]!.Values<string>());
        Assert.Contains("./build.sh --target=Report --mlnode-url=<mlnode-url> --model=TestOrg/Bake-Me-7B", console);
        Assert.DoesNotContain("--reference=", console);
    }

    [Fact]
    public async Task Bake_BatchSizeGiven_IsSentRecordedAndWarnedAbout()
    {
        await using var node = await MlNodeSimulator.StartAsync(RunHarness.FastSimulator with { Running = Model });

        var (code, console) = await BakeRunner.BakeAsync(Resolve(node.BaseUrl, ExclusiveBake, ("batch-size", "16"), ("num-nonces", "4")));

        Assert.Equal(0, code);
        Assert.Equal(16, ReferenceReader.Load(OutPath).Header.CollectionBatchSize);
        Assert.All(node.Journal.To("POST", "/api/v1/inference/pow/generate"), r => Assert.Equal(16, (int)JObject.Parse(r.Body)["batch_size"]!));
        Assert.Contains("WARNING: --batch-size=16 is sent", console);
    }

    [Fact]
    public async Task Bake_ExclusiveAndNodeNotServing_IsAClearErrorAndWritesNothing()
    {
        await using var node = await MlNodeSimulator.StartAsync(RunHarness.FastSimulator);

        var (code, console) = await BakeRunner.BakeAsync(Resolve(node.BaseUrl, ExclusiveBake));

        Assert.Equal(1, code);
        Assert.Contains("ERROR: vLLM is not running on the node and deploy was skipped (--exclusive runs only BakeReference)", console);
        Assert.Contains("no reference was written", console);
        Assert.False(File.Exists(OutPath));
        Assert.Empty(node.Journal.To("POST", "/api/v1/inference/pow/generate"));
    }

    public static TheoryData<string, JArray, string> ConfusedReplies => new()
    {
        { "missing nonces", Artifacts(0, 1, 2), "the node returned 3/4 vectors; missing nonces: 3" },
        { "duplicate nonce", Artifacts(0, 1, 2, 2, 3), "returned nonce 2 more than once" },
        { "nonce not requested", Artifacts(0, 1, 2, 3, 9), "returned nonce 9, which was not requested" },
        { "short vector", new JArray(new JObject { ["nonce"] = 0, ["vector_b64"] = "AAAA" }), "vector for nonce 0 is invalid: vector_b64 decodes to 3 bytes" },
        { "nan vector", new JArray(new JObject { ["nonce"] = 0, ["vector_b64"] = Tasks.PoC.Float16Vector.Encode([float.PositiveInfinity, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]) }), "non-finite value" },
        { "not an object", new JArray(7), "not {nonce: int, vector_b64: str}" },
    };

    [Theory]
    [MemberData(nameof(ConfusedReplies))]
    public async Task Bake_ConfusedNode_IsRefusedAndNothingIsWritten(string name, JArray artifacts, string expected)
    {
        var node = new ScriptedNode()
            .On("/api/v1/inference/up/status", new JObject { ["is_running"] = true, ["is_starting"] = false, ["status"] = "running" })
            .On("/api/v1/inference/pow/generate", new JObject { ["status"] = "completed", ["artifacts"] = artifacts });

        var (code, console) = await BakeRunner.BakeAsync(Resolve("http://127.0.0.1:9", ExclusiveBake, ("num-nonces", "4")), node);

        Assert.True(code == 1, name);
        Assert.Contains(expected, console);
        Assert.False(File.Exists(OutPath));
    }

    [Fact]
    public async Task Bake_NodeCannotReproduceItsVectors_IsRefused()
    {
        var node = new ScriptedNode()
            .On("/api/v1/inference/up/status", new JObject { ["is_running"] = true, ["status"] = "running" })
            .On("/api/v1/inference/pow/generate", new JObject { ["status"] = "completed", ["artifacts"] = Artifacts(0, 1, 2, 3) })
            .On("/api/v1/inference/pow/generate", new JObject { ["status"] = "completed", ["n_total"] = 4, ["n_mismatch"] = 2, ["mismatch_nonces"] = new JArray(1, 3), ["p_value"] = 0.0, ["fraud_detected"] = true });

        var (code, console) = await BakeRunner.BakeAsync(Resolve("http://127.0.0.1:9", ExclusiveBake, ("num-nonces", "4")), node);

        Assert.Equal(1, code);
        Assert.Contains("the node could not reproduce its own vectors: n_mismatch=2/4 at dist_threshold=0.2 (nonces: 1, 3)", console);
        Assert.False(File.Exists(OutPath));
    }

    [Fact]
    public async Task Bake_NoVerify_SkipsTheCheckWithAWarning()
    {
        var node = new ScriptedNode()
            .On("/api/v1/inference/up/status", new JObject { ["is_running"] = true, ["status"] = "running" })
            .On("/api/v1/inference/pow/generate", new JObject { ["status"] = "completed", ["artifacts"] = Artifacts(0, 1) });

        var (code, console) = await BakeRunner.BakeAsync(Resolve("http://127.0.0.1:9", ExclusiveBake, ("num-nonces", "2"), ("no-verify", string.Empty)), node);

        Assert.Equal(0, code);
        Assert.Contains("WARNING: --no-verify", console);
        Assert.Single(node.Received, r => r.Path == "/api/v1/inference/pow/generate");
    }

    [Fact]
    public void Resolve_ExistingReferenceWithoutForce_IsRefusedBeforeAnyRequest()
    {
        TestReferences.Write(_root.Combine("references"), TestReferences.Document(model: Model));
        var before = File.ReadAllText(OutPath);

        var error = Assert.Throws<InputException>(() => Resolve("http://127.0.0.1:9", FullBake));

        Assert.Contains("already exists and golden references are never overwritten by accident; pass --force", error.Message);
        Assert.Equal(before, File.ReadAllText(OutPath));
    }

    [Fact]
    public async Task Bake_Force_ReplacesTheReference()
    {
        TestReferences.Write(_root.Combine("references"), TestReferences.Document(model: Model, count: 2));
        await using var node = await MlNodeSimulator.StartAsync(RunHarness.FastSimulator with { Running = Model });

        var (code, _) = await BakeRunner.BakeAsync(Resolve(node.BaseUrl, ExclusiveBake, ("force", string.Empty), ("num-nonces", "5")));

        Assert.Equal(0, code);
        Assert.Equal(5, ReferenceReader.Load(OutPath).Vectors.Count);
    }

    [Theory]
    [InlineData("--tensor-parallel-size 4", "is not valid JSON")]
    [InlineData("{\"tp\": 4}", "must be a JSON list of strings, got object")]
    [InlineData("[\"--tensor-parallel-size\", 4]", "must be a JSON list of strings, got array")]
    public void Resolve_BadAdditionalArgs_IsAClearError(string value, string expected)
    {
        var error = Assert.Throws<InputException>(() => Resolve("http://127.0.0.1:9", FullBake, ("additional-args", value)));

        Assert.Contains(expected, error.Message);
        Assert.Contains("--additional-args='[\"--tensor-parallel-size\",\"4\"]'", error.Message);
    }

    [Theory]
    [InlineData("/dev/null", "is a device, not a regular file")]
    [InlineData("/dev/zero", "is a device, not a regular file")]
    public void Resolve_OutIsADeviceEvenWithForce_IsRefusedAndTheDeviceKept(string device, string expected)
    {
        // Given: a device as --out, with --force (which, as root, would have replaced it with a file)
        Assert.SkipUnless(File.Exists(device), $"{device} does not exist on this system");

        // When
        var error = Assert.Throws<InputException>(() => Resolve("http://127.0.0.1:9", FullBake, ("out", device), ("force", "true")));

        // Then: one line naming what is wrong and the fix, never "pass --force"
        Assert.Contains(expected, error.Message);
        Assert.Contains("pass --out=<a .json file>", error.Message);
        Assert.DoesNotContain("--force", error.Message);
        Assert.Equal(expected, FileKind.Problem(device));
    }

    [Fact]
    public void Resolve_Defaults_AreTheReferenceToolsDefaults()
    {
        var settings = BakeSettingsResolver.Resolve(
            SettingsSources.From([new("mlnode-url", "http://h:1"), new("model", Model)], _root.Path), FullBake, DateTimeOffset.Now);

        Assert.Equal(new PocParameters(1024, 12, "TEST_BLOCK", 100, "test_pub_keys", 0, 1), settings.Poc);
        Assert.Equal(32, settings.NumNonces);
        Assert.Null(settings.BatchSize);
        Assert.Equal(0.2, settings.DistThreshold);
        Assert.Equal(TimeSpan.FromSeconds(900), settings.Timeout);
        Assert.True(settings.Verify);
        Assert.Empty(settings.Target.Deploy.AdditionalArgs);
        Assert.Equal(OutPath, settings.OutPath);
        Assert.StartsWith("baked by MlNode.Tasks BakeReference from http://h:1 at ", settings.Source);
    }

    private static JArray Artifacts(params int[] nonces)
    {
        var inputs = new VectorInputs(Model, 256, 12, "TEST_BLOCK", "test_pub_keys");
        return new JArray(nonces.Select(n => new JObject { ["nonce"] = n, ["vector_b64"] = VectorOracle.Encode(VectorOracle.Honest(inputs, n, 64)) }));
    }

    public void Dispose() => _root.Dispose();
}
