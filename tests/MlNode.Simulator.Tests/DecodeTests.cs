using System.Net;
using MlNode.Simulator.State;
using Newtonsoft.Json.Linq;

namespace MlNode.Simulator.Tests;

/// <summary>The simulator's decode PoC (decode-poc.md): the oracle's statistics, then the routes over HTTP.</summary>
[Trait("Category", "Integration")]
public sealed class DecodeTests
{
    private const int MaxTokens = 64;
    private static readonly VectorInputs Inputs = new("Org/Model", 128, 12, "TEST_BLOCK", "test_pub_keys");

    private static DecodeScore Cross(long nonce, HardwareClass? prover, HardwareClass? validator, bool dishonestProver = false) =>
        DecodeOracle.Score(Inputs, nonce, DecodeOracle.Trajectory(Inputs, nonce, MaxTokens, prover, dishonestProver), validator, dishonest: false);

    [Fact]
    public void Trajectory_SameInputs_SameStepsEveryTimeAllCodebookIndices()
    {
        var first = DecodeOracle.Trajectory(Inputs, 7, MaxTokens, null, false);

        Assert.Equal(first, DecodeOracle.Trajectory(Inputs, 7, MaxTokens, null, false));
        Assert.Equal(MaxTokens + 1, first.Length);
        Assert.All(first, k => Assert.InRange(k, 0, 15));
        Assert.True(first.Distinct().Count() > 4, "a trajectory wanders over the codebook");
    }

    [Fact]
    public void Score_SameClass_NoStepDiffers()
    {
        var h100 = HardwareClass.Parse("NVIDIA H100");

        Assert.All(Enumerable.Range(0, 40), n => Assert.Equal(0, Cross(n, h100, h100).Mismatching));
    }

    [Fact]
    public void Score_TwoHonestClasses_AFewPercentOfStepsDifferWithSmallMargins()
    {
        // When: 200 nonces proved on H100 and re-run teacher-forced on H200
        var scores = Enumerable.Range(0, 200).Select(n => Cross(n, HardwareClass.Parse("NVIDIA H100"), HardwareClass.Parse("NVIDIA H200"))).ToList();

        // Then: as on real GPUs, a few percent of raw steps, every margin far below the τ under discussion (0.025)
        var share = scores.Sum(s => s.Mismatching) / (double)scores.Sum(s => s.Steps);
        Assert.InRange(share, 0.01, 0.12);
        Assert.All(scores, s => Assert.InRange(s.MarginMax, 0, 0.015));
    }

    [Fact]
    public void Score_DivergingClass_LargerMarginsOnItsNoncesOnly()
    {
        var b200 = HardwareClass.Parse("NVIDIA B200:0.3");
        var h100 = HardwareClass.Parse("NVIDIA H100");

        var margins = Enumerable.Range(0, 200).Select(n => Cross(n, h100, b200).MarginMax).ToList();

        Assert.InRange(margins.Count(m => m > 0.015), 40, 90);
        Assert.All(margins, m => Assert.True(m < 0.1, $"an honest margin of {m} is as large as a substituted step's"));
    }

    [Fact]
    public void Score_SubstitutedTrajectory_MostStepsDifferWithLargeMargins()
    {
        var scores = Enumerable.Range(0, 50).Select(n => Cross(n, null, HardwareClass.Parse("NVIDIA H100"), dishonestProver: true)).ToList();

        Assert.All(scores, s => Assert.True(s.Mismatching > MaxTokens / 2, $"{s.Mismatching} steps"));
        Assert.All(scores, s => Assert.True(s.MarginMax > 0.05, $"margin {s.MarginMax}"));
    }

    [Fact]
    public void Score_ValueOutsideTheCodebook_ClaimsTheFullMargin()
    {
        var steps = DecodeOracle.Trajectory(Inputs, 3, MaxTokens, null, false);
        steps[5] = 16;

        var score = DecodeOracle.Score(Inputs, 3, steps, null, false);

        Assert.Equal(2.0, score.MarginMax);
        Assert.True(score.Mismatching >= 1);
    }

    private static JObject DecodePoc(int maxTokens = MaxTokens)
    {
        var body = SimulatorClient.Poc();
        body["params"]!["decode"] = true;
        body["params"]!["max_tokens"] = maxTokens;
        return body;
    }

    private static async Task<JArray> GenerateAsync(SimulatorClient node, params long[] nonces)
    {
        var body = DecodePoc();
        body["nonces"] = new JArray(nonces);
        body["wait"] = true;
        var reply = await node.PostAsync("/api/v1/inference/pow/generate", body);
        Assert.Equal(HttpStatusCode.OK, reply.Status);
        return (JArray)reply.Body!["artifacts"]!;
    }

    private static JObject Validation(JArray artifacts, double tau = 0.025)
    {
        var body = DecodePoc();
        body["nonces"] = new JArray(artifacts.Select(a => a["nonce"]));
        body["wait"] = true;
        body["validation"] = new JObject
        {
            ["artifacts"] = new JArray(artifacts.Select(a => new JObject { ["nonce"] = a["nonce"], ["vector_b64"] = string.Empty, ["k_points_steps"] = a["k_points_steps"] })),
        };
        body["stat_test"] = new JObject { ["dist_threshold"] = tau, ["p_mismatch"] = 0.001, ["fraud_threshold"] = 0.01 };
        return body;
    }

    [Fact]
    public async Task Generate_Decode_TrajectoriesWithoutVectors()
    {
        await using var node = await SimulatorClient.StartAsync(SimulatorClient.Fast with { Running = "Org/Model" });

        var artifacts = await GenerateAsync(node, 0, 1, 2);

        Assert.Equal([0L, 1L, 2L], artifacts.Select(a => (long)a["nonce"]!));
        Assert.All(artifacts, a => Assert.Equal(string.Empty, (string?)a["vector_b64"]));
        Assert.All(artifacts, a => Assert.Equal(MaxTokens + 1, ((JArray)a["k_points_steps"]!).Count));
        Assert.All(artifacts, a => Assert.Equal(-1, (int)a["n_sphere_mismatches"]!));
    }

    [Fact]
    public async Task Validate_HonestTrajectoriesOnAnotherClass_PassesWithPerNonceScores()
    {
        // Given: trajectories generated on an H100 node
        JArray artifacts;
        await using (var prover = await SimulatorClient.StartAsync(SimulatorClient.Fast with { Running = "Org/Model", Hardware = HardwareClass.Parse("NVIDIA H100") }))
        {
            artifacts = await GenerateAsync(prover, [.. Enumerable.Range(0, 32).Select(n => (long)n)]);
        }

        // When: an H200 node validates them
        await using var validator = await SimulatorClient.StartAsync(SimulatorClient.Fast with { Running = "Org/Model", Hardware = HardwareClass.Parse("NVIDIA H200") });
        var reply = await validator.PostAsync("/api/v1/inference/pow/generate", Validation(artifacts));

        // Then
        Assert.Equal(HttpStatusCode.OK, reply.Status);
        Assert.Equal(32, (int)reply.Body!["n_total"]!);
        Assert.Equal(0, (int)reply.Body["n_mismatch"]!);
        Assert.False((bool)reply.Body["fraud_detected"]!);
        var perNonce = (JArray)reply.Body["per_nonce"]!;
        Assert.Equal(32, perNonce.Count);
        Assert.Contains(perNonce, p => (int)p["n_sphere_mismatches"]! > 0);
        Assert.All(perNonce, p => Assert.Equal(MaxTokens + 1, (int)p["n_steps"]!));
    }

    [Fact]
    public async Task Validate_DishonestValidator_FlagsItsSubstitutedNonces()
    {
        await using var honest = await SimulatorClient.StartAsync(SimulatorClient.Fast with { Running = "Org/Model" });
        var artifacts = await GenerateAsync(honest, [.. Enumerable.Range(0, 20).Select(n => (long)n)]);
        await using var dishonest = await SimulatorClient.StartAsync(SimulatorClient.Fast with { Running = "Org/Model" }, "dishonest:1,2,3");

        var reply = await dishonest.PostAsync("/api/v1/inference/pow/generate", Validation(artifacts));

        Assert.Equal([1L, 2L, 3L], reply.Body!["mismatch_nonces"]!.Select(n => (long)n!));
        Assert.True((bool)reply.Body["fraud_detected"]!);
    }

    [Fact]
    public async Task Validate_ArtifactWithoutTrajectory_Is400()
    {
        await using var node = await SimulatorClient.StartAsync(SimulatorClient.Fast with { Running = "Org/Model" });
        var body = Validation(await GenerateAsync(node, 0, 1));
        ((JObject)body["validation"]!["artifacts"]![1]!).Remove("k_points_steps");

        var reply = await node.PostAsync("/api/v1/inference/pow/generate", body);

        Assert.Equal(HttpStatusCode.BadRequest, reply.Status);
        Assert.Contains("needs k_points_steps", (string?)reply.Body!["detail"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Generate_PrefillOnlyProxy_Refuses422OnDecode()
    {
        await using var node = await SimulatorClient.StartAsync(SimulatorClient.Fast with { Running = "Org/Model" }, "prefill-only");
        var body = DecodePoc();
        body["nonces"] = new JArray(0);
        body["wait"] = true;

        var reply = await node.PostAsync("/api/v1/inference/pow/generate", body);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, reply.Status);
        Assert.Contains(reply.Body!["detail"]!, e => (string?)e["loc"]!.Last() == "decode" && (string?)e["type"] == "extra_forbidden");
    }
}
