using MlNode.Simulator;
using MlNode.Tasks.Common;
using MlNode.Tasks.References;
using MlNode.Tasks.Tests.Support;
using Newtonsoft.Json.Linq;

namespace MlNode.Tasks.Tests.Cake;

/// <summary>
/// gonka's published GLM reference and its H100 TP=8 variant (same model, other deploy args), end to end against a
/// simulator that replays them (`--recorded`): each passes under its own args, and they differ where the hardware did.
/// </summary>
[Collection("cake-graph")]
[Trait("Category", "Integration")]
public sealed class RealReferencesTests : IDisposable
{
    private const string Glm = "zai-org/GLM-5.3-Flash";
    private readonly TempDirectory _root = new();

    [Fact]
    public async Task AllReferences_GlmAndItsVariants_EachPassesUnderItsOwnDeployArgs()
    {
        // Given: every published reference of the model, replayed by one simulated node.
        var real = TestReferences.RealReferencesDirectory();
        Assert.SkipWhen(real is null, "../shared/fixtures/real-references is not present on this machine");
        var files = new ReferenceCatalog([real!]).ReferencesOf(ModelId.Parse(Glm));
        var configs = files.Select(f => string.Join(' ', ReferenceReader.Load(f).Header.AdditionalArgs)).Distinct().Count();
        Assert.True(configs >= 2, "the fixtures hold the GLM reference and a variant with other deploy args");
        await using var node = await MlNodeSimulator.StartAsync(RunHarness.FastSimulator with { Recorded = files });
        var experiments = _root.Combine("experiments");

        // When
        var run = await CakeRunner.RunAsync(
            ["--target=Report", "--all-references", $"--mlnode-url={node.BaseUrl}", $"--model={Glm}", $"--references-path={real}", $"--experiments-root={experiments}", .. RunHarness.FastCommandLine]);

        // Then: one pass per file, every one PASS, one deploy per distinct deploy config, the closing line.
        Assert.True(run.ExitCode == ExitCodes.Pass, run.Output);
        var reports = Directory.GetDirectories(experiments).Select(d => JObject.Parse(File.ReadAllText(Path.Combine(d, "validate_report.json")))).ToList();
        Assert.Equal(files.Count, reports.Count);
        Assert.All(reports, r => Assert.Equal("PASS", (string?)r["verdict"]));
        Assert.Equal(files.Order(StringComparer.Ordinal), reports.Select(r => (string)r["reference"]!["path"]!).Order(StringComparer.Ordinal));
        Assert.Equal(configs, node.Journal.To("POST", "/api/v1/inference/up/async").Count);
        Assert.Contains(reports, r => (string?)r["deploy"]!["action"] == "redeployed");
        Assert.Contains($"--all-references: {files.Count} references, verdicts: ", run.Stdout);
        Assert.EndsWith("exit code 0", run.Stdout.Split('\n').Last(l => l.StartsWith("--all-references: ", StringComparison.Ordinal)).TrimEnd());
    }

    [Fact]
    public async Task AllReferences_NodeAlreadyRunningOtherArgs_EachReferenceUnderItsOwnDeployAndExitZero()
    {
        // Given: every published GLM reference replayed by one node whose vLLM already runs with args none of them has
        var real = TestReferences.RealReferencesDirectory();
        Assert.SkipWhen(real is null, "../shared/fixtures/real-references is not present on this machine");
        var files = new ReferenceCatalog([real!]).ReferencesOf(ModelId.Parse(Glm));
        var configs = files.Select(f => string.Join(' ', ReferenceReader.Load(f).Header.AdditionalArgs)).Distinct().Count();
        Assert.SkipWhen(configs < 2, "the fixtures hold no GLM variant with other deploy args");
        await using var node = await MlNodeSimulator.StartAsync(RunHarness.FastSimulator with { Recorded = files, Running = Glm, RunningTp = 2 });
        var experiments = _root.Combine("experiments");

        // When
        var run = await CakeRunner.RunAsync(
            ["--target=Report", "--all-references", $"--mlnode-url={node.BaseUrl}", $"--model={Glm}", $"--references-path={real}", $"--experiments-root={experiments}", .. RunHarness.FastCommandLine]);

        // Then: the running vLLM was taken down first, every reference passed under its own deploy config
        Assert.True(run.ExitCode == ExitCodes.Pass, run.Output);
        var reports = Directory.GetDirectories(experiments).Select(d => JObject.Parse(File.ReadAllText(Path.Combine(d, "validate_report.json")))).ToList();
        Assert.All(reports, r => Assert.Equal("PASS", (string?)r["verdict"]));
        Assert.All(reports, r => Assert.True((bool)r["deploy"]!["applied"]!));
        Assert.Equal(configs, node.Journal.To("POST", "/api/v1/inference/up/async").Count);
        Assert.True(node.Journal.To("POST", "/api/v1/inference/down")[0].Sequence < node.Journal.To("POST", "/api/v1/inference/up/async")[0].Sequence);
    }

    [Fact]
    public async Task Validate_VariantOnTheDefaultDeploy_MismatchesWhereTheHardwareDiffered()
    {
        // Given: a node deployed with the default reference's args (a Report against it).
        var (glm, variant) = TestReferences.RealGlmPair();
        await using var node = await MlNodeSimulator.StartAsync(RunHarness.FastSimulator with { Recorded = [glm, variant] });
        string[] common = [$"--mlnode-url={node.BaseUrl}", $"--model={Glm}", $"--experiments-root={_root.Combine("experiments")}", .. RunHarness.FastCommandLine];
        var first = await CakeRunner.RunAsync(["--target=Report", $"--reference={glm}", "--output=json", .. common]);

        // When: the variant is validated on that deploy (Validate alone: vLLM is left as it is).
        var second = await CakeRunner.RunAsync(["--target=Validate", "--exclusive", $"--reference={variant}", "--output=json", .. common]);

        // Then: the default passes; the variant mismatches on the nonces where the two recordings differ by more
        // than the 0.44 threshold (117 of 1,000 in the published files), and the verdict follows the fraud test.
        Assert.Equal("PASS", (string?)JObject.Parse(first.Stdout)["verdict"]);
        var expected = Differing(ReferenceReader.Load(glm), ReferenceReader.Load(variant), 0.44);
        var report = JObject.Parse(second.Stdout);
        Assert.Equal(expected, (int)report["validation"]!["response"]!["n_mismatch"]!);
        Assert.Equal((bool)report["validation"]!["response"]!["fraud_detected"]! ? ExitCodes.Fraud : ExitCodes.Pass, second.ExitCode);
    }

    public void Dispose() => _root.Dispose();

    private static int Differing(GoldenReference a, GoldenReference b, double threshold)
    {
        var other = b.Vectors.ToDictionary(v => v.Nonce, v => v.Values);
        return a.Vectors.Count(v => other.TryGetValue(v.Nonce, out var w) && MlNode.Tasks.PoC.VectorMath.Distance(v.Values, w) > threshold);
    }
}
