using System.Net;
using MlNode.Simulator.State;
using MlNode.Tasks.PoC;
using Newtonsoft.Json.Linq;

namespace MlNode.Simulator.Tests;

[Trait("Category", "Integration")]
public sealed class ObservabilityAndLoadTests
{
    [Fact]
    public async Task Fleet_MoreNodesThanTheUsersInotifyLimit_StartsAndEveryNodeAnswers()
    {
        // Given: more simulated nodes in one process than Linux's default 128 inotify instances per user
        await using var fleet = await Fleet.SimulatedFleet.StartAsync(Fleet.FleetOptions.Parse(["--fleet=160", "--port=0"]));
        using var http = new HttpClient();

        // When: every node is asked for its vLLM status
        var codes = await Task.WhenAll(fleet.Nodes.Select(async n => (await http.GetAsync(n.BaseUrl + "/api/v1/inference/up/status")).StatusCode));

        // Then
        Assert.Equal(160, codes.Length);
        Assert.All(codes, c => Assert.Equal(HttpStatusCode.OK, c));
    }

    [Fact]
    public async Task Journal_RecordsMethodPathBodyHeadersAndStatus()
    {
        await using var node = await SimulatorClient.StartAsync();
        node.Http.DefaultRequestHeaders.Add("Authorization", "Bearer abc");

        await node.PostAsync("/api/v1/models/status", SimulatorClient.Model("Org/Model"));

        var request = node.Simulator.Journal.Requests.Single();
        Assert.Equal(("POST", "/api/v1/models/status", 200), (request.Method, request.Path, request.StatusCode));
        Assert.Equal("Org/Model", (string?)JObject.Parse(request.Body)["hf_repo"]);
        Assert.Equal("Bearer abc", request.Headers["Authorization"]);
    }

    [Fact]
    public async Task SimRoutes_ExposeTheJournalAndTheGroundTruth()
    {
        await using var node = await SimulatorClient.StartAsync(SimulatorClient.Fast with { Running = "Org/Model", RunningTp = 2, Rate = 30 });
        await node.PostAsync("/api/v1/inference/pow/init/generate", SimulatorClient.Poc());

        var requests = (JArray)(await node.GetAsync("/_sim/requests")).Body!;
        var truth = (await node.GetAsync("/_sim/truth")).Body!;
        var options = (await node.GetAsync("/_sim/options")).Body!;

        Assert.Equal("/api/v1/inference/pow/init/generate", (string?)requests.Single()["path"]);
        Assert.Equal(120.0, (double)truth["true_system_rate"]!);
        Assert.Equal(4, ((JArray)truth["replicas"]!).Count);
        Assert.Equal(8, (int)options["gpus"]!);
    }

    [Fact]
    public async Task Status_FiftyConcurrentPollers_AllAnswered()
    {
        await using var node = await SimulatorClient.StartAsync(SimulatorClient.Fast with { Running = "Org/Model" });
        await node.PostAsync("/api/v1/inference/pow/init/generate", SimulatorClient.Poc());

        var results = await Task.WhenAll(Enumerable.Range(0, 50).Select(async _ =>
        {
            using var client = new HttpClient { BaseAddress = new Uri(node.Simulator.BaseUrl) };
            var codes = new List<HttpStatusCode>();
            for (var i = 0; i < 20; i++)
            {
                using var response = await client.GetAsync("/api/v1/inference/pow/status");
                var body = JObject.Parse(await response.Content.ReadAsStringAsync());
                Assert.Equal(8, ((JArray)body["backends"]!).Count);
                codes.Add(response.StatusCode);
            }

            return codes;
        }));

        Assert.Equal(1000, results.Sum(r => r.Count(c => c == HttpStatusCode.OK)));
    }

    [Fact]
    public void VectorOracle_BatchSizeMovesEveryVectorBetweenTheTwoThresholds()
    {
        var inputs = new VectorInputs("Org/Model", 1024, 12, "TEST_BLOCK", "test_pub_keys");
        var distances = Enumerable.Range(0, 200)
            .Select(n => VectorMath.Distance(VectorOracle.Honest(inputs, n, 64), VectorOracle.Honest(inputs, n, 32)))
            .ToList();

        Assert.All(distances, d => Assert.InRange(d, 0.02, 0.2));
    }

    [Fact]
    public void VectorOracle_DependsOnEveryInputAndIsUnitLength()
    {
        var inputs = new VectorInputs("Org/Model", 1024, 12, "TEST_BLOCK", "test_pub_keys");
        var vector = VectorOracle.Honest(inputs, 7, 64);
        VectorInputs[] variations =
        [
            inputs with { Model = "Org/Other" },
            inputs with { SeqLen = 512 },
            inputs with { BlockHash = "OTHER" },
            inputs with { PublicKey = "other_key" },
        ];

        Assert.InRange(VectorMath.Norm(vector), 0.999, 1.001);
        Assert.Equal(vector, VectorOracle.Honest(inputs, 7, 64));
        Assert.All(variations, v => Assert.True(VectorMath.Distance(vector, VectorOracle.Honest(v, 7, 64)) > 0.2));
        Assert.True(VectorMath.Distance(vector, VectorOracle.Honest(inputs, 8, 64)) > 0.2);
        Assert.True(VectorMath.Distance(vector, VectorOracle.Dishonest(inputs, 7)) > 0.2);
        Assert.Equal(16, VectorOracle.Honest(inputs with { KDim = 16 }, 7, 64).Length);
    }
}
