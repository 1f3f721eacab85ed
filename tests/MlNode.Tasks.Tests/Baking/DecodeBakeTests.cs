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

/// <summary>BakeReference --scheme=decode (decode-poc.md) over HTTP against the simulator, and the baked file validated.</summary>
[Trait("Category", "Integration")]
public sealed class DecodeBakeTests : IDisposable
{
    private const string Model = TestReferences.Model;
    private static readonly TaskPlan FullBake = TestGraph.Plan("BakeReference");
    private readonly TempDirectory _root = new();

    private string OutPath => _root.Combine("references", ModelId.Sanitize(Model) + ".json");

    private BakeSettings Resolve(string url, params (string Name, string Value)[] arguments)
    {
        var all = new List<KeyValuePair<string, string>> { new("mlnode-url", url), new("model", Model), new("seq-len", "128"), new("poll-interval-min", "0.03"), new("poll-interval-max", "0.1") };
        all.AddRange(arguments.Select(a => new KeyValuePair<string, string>(a.Name, a.Value)));
        return BakeSettingsResolver.Resolve(SettingsSources.From(all, _root.Path), FullBake, DateTimeOffset.Now);
    }

    [Fact]
    public async Task Bake_SchemeDecode_WritesVerifiedTrajectoriesThatAnotherClassThenPasses()
    {
        // Given: a trusted H100 node
        await using var trusted = await MlNodeSimulator.StartAsync(RunHarness.FastSimulator with { Hardware = HardwareClass.Parse("NVIDIA H100") });
        var settings = Resolve(trusted.BaseUrl, ("scheme", "decode"), ("max-tokens", "24"), ("num-nonces", "20"), ("p-mismatch", "0.002"));

        // When
        var (code, console) = await BakeRunner.BakeAsync(settings);

        // Then: the file is a decode reference with τ 0.025, every trajectory the node's own, reproduced on it
        Assert.True(code == 0, console);
        var reference = ReferenceReader.Load(OutPath);
        Assert.Equal(PocScheme.Decode, reference.Header.Scheme);
        Assert.Equal(24, reference.Poc.MaxTokens);
        Assert.Equal(0.025, reference.Header.DistThreshold);
        Assert.Equal(0.002, reference.Header.PMismatch);
        var inputs = new VectorInputs(Model, 128, 12, "TEST_BLOCK", "test_pub_keys");
        Assert.Equal(DecodeOracle.Trajectory(inputs, 7, 24, HardwareClass.Parse("NVIDIA H100"), false), reference.Trajectories[7].Steps);
        var generates = trusted.Journal.To("POST", "/api/v1/inference/pow/generate").Select(r => JObject.Parse(r.Body)).ToList();
        Assert.Equal(2, generates.Count);
        Assert.True((bool)generates[0]["params"]!["decode"]!);
        Assert.Equal(24, (int)generates[1]["params"]!["max_tokens"]!);
        Assert.Contains("reproduced: every step of 20 trajectories", console, StringComparison.Ordinal);

        // When: an honest H200 node is validated against it
        await using var harness = await RunHarness.StartAsync(RunHarness.FastSimulator with { Hardware = HardwareClass.Parse("NVIDIA H200") });
        harness.WriteReference(JObject.Parse(File.ReadAllText(OutPath)));
        var result = await harness.RunAsync(("skip-throughput", string.Empty));

        // Then
        Assert.Equal("PASS", result.Verdict);
        Assert.Equal(20, (int)result.Report["validation"]!["decode"]!["n_total"]!);
    }

    [Fact]
    public async Task Bake_PrefillOnlyNode_IsOneErrorAndNoFile()
    {
        await using var node = await MlNodeSimulator.StartAsync(RunHarness.With("prefill-only"));
        var settings = Resolve(node.BaseUrl, ("scheme", "decode"), ("max-tokens", "8"), ("num-nonces", "4"));

        var (code, console) = await BakeRunner.BakeAsync(settings);

        Assert.Equal(ExitCodes.Error, code);
        Assert.Contains("ERROR: this MLNode does not accept decode PoC", console, StringComparison.Ordinal);
        Assert.False(File.Exists(OutPath));
    }

    [Fact]
    public void Resolve_MaxTokensWithoutDecode_SaysToPassTheScheme()
    {
        var error = Assert.Throws<InputException>(() => Resolve("http://127.0.0.1:9", ("max-tokens", "8")));

        Assert.Contains("pass --scheme=decode", error.Message, StringComparison.Ordinal);
    }

    public void Dispose() => _root.Dispose();
}
