using System.Net;
using MlNode.Simulator.State;
using MlNode.Tasks.PoC;
using Newtonsoft.Json.Linq;

namespace MlNode.Simulator.Tests;

[Trait("Category", "Integration")]
public sealed class PowRoutesTests
{
    private static SimulatorOptions Running(int tp = 4) => SimulatorClient.Fast with { Running = "Org/Model", RunningTp = tp };

    [Fact]
    public async Task InitGenerate_BeforeVllmIsUp_Is503()
    {
        await using var node = await SimulatorClient.StartAsync();

        var reply = await node.PostAsync("/api/v1/inference/pow/init/generate", SimulatorClient.Poc());
        var status = await node.GetAsync("/api/v1/inference/pow/status");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, reply.Status);
        Assert.Equal("No vLLM backends available", (string?)reply.Body!["detail"]);
        Assert.Equal("NO_BACKENDS", (string?)status.Body!["status"]);
        Assert.Empty((JArray)status.Body["backends"]!);
    }

    [Fact]
    public async Task InitGenerate_FansOutToEveryReplicaWithDisjointGroups()
    {
        await using var node = await SimulatorClient.StartAsync(Running());

        var init = await node.PostAsync("/api/v1/inference/pow/init/generate", SimulatorClient.Poc());
        var status = await node.GetAsync("/api/v1/inference/pow/status");

        Assert.Equal("OK", (string?)init.Body!["status"]);
        Assert.Equal(2, (int)init.Body["backends"]!);
        Assert.Equal(2, (int)init.Body["n_groups"]!);
        Assert.Equal([5001, 5002], init.Body["results"]!.Select(r => (int)r["port"]!));
        Assert.Equal("GENERATING", (string?)status.Body!["status"]);
        Assert.Equal([0, 1], status.Body["backends"]!.Select(b => (int)b["group_id"]!));
    }

    [Fact]
    public async Task Status_CountersAreExactRatesAreNoisy()
    {
        // Given: one replica at 100 nonces/s on a clock the test moves
        var time = SimulatorClient.FakeClock();
        await using var node = await SimulatorClient.StartAsync(Running(tp: 8) with { Rate = 100, RateNoise = 0.05 }, time);
        await node.PostAsync("/api/v1/inference/pow/init/generate", SimulatorClient.Poc());
        var first = (await node.GetAsync("/api/v1/inference/pow/status")).Body!["backends"]![0]!["stats"]!;

        // When: half a second passes
        time.Advance(TimeSpan.FromSeconds(0.5));
        var second = (await node.GetAsync("/api/v1/inference/pow/status")).Body!["backends"]![0]!["stats"]!;

        // Then: the counter moved by exactly 50, the reported rate only within its noise
        var processed = (long)second["total_processed"]! - (long)first["total_processed"]!;
        Assert.Equal(50, processed);
        Assert.InRange((double)second["nonces_per_second"]!, 95, 105);
        Assert.Equal(100, node.Simulator.Pow.Truth().Single().TrueRate);
    }

    [Fact]
    public async Task Stop_IsIdempotentAndBackendsGoIdleAfterFinishingTheirBatch()
    {
        var time = SimulatorClient.FakeClock();
        await using var node = await SimulatorClient.StartAsync(Running() with { StopSeconds = 0.3 }, time);
        await node.PostAsync("/api/v1/inference/pow/init/generate", SimulatorClient.Poc());

        var stop = await node.PostAsync("/api/v1/inference/pow/stop", null);
        var draining = await node.GetAsync("/api/v1/inference/pow/status");
        time.Advance(TimeSpan.FromSeconds(0.6));
        var idle = await node.GetAsync("/api/v1/inference/pow/status");
        var stopAgain = await node.PostAsync("/api/v1/inference/pow/stop", null);
        var counter = (long)idle.Body!["backends"]![0]!["stats"]!["total_processed"]!;
        time.Advance(TimeSpan.FromSeconds(0.2));
        var later = (long)(await node.GetAsync("/api/v1/inference/pow/status")).Body!["backends"]![0]!["stats"]!["total_processed"]!;

        Assert.Equal("OK", (string?)stop.Body!["status"]);
        Assert.Equal("GENERATING", (string?)draining.Body!["status"]);
        Assert.Equal("IDLE", (string?)idle.Body!["status"]);
        Assert.Equal(HttpStatusCode.OK, stopAgain.Status);
        Assert.Equal(counter, later);
    }

    [Fact]
    public async Task Stop_NoBackends_SaysSo()
    {
        await using var node = await SimulatorClient.StartAsync();

        var reply = await node.PostAsync("/api/v1/inference/pow/stop", null);

        Assert.Equal("No backends to stop", (string?)reply.Body!["message"]);
    }

    [Fact]
    public async Task Status_ReplicasStoppingAtDifferentMoments_PassesThroughMixed()
    {
        // Given: four replicas that each finish their batch at their own moment, 0.4 to 0.7 s after the stop
        var time = SimulatorClient.FakeClock();
        await using var node = await SimulatorClient.StartAsync(Running(tp: 2) with { StopSeconds = 0.4 }, time);
        await node.PostAsync("/api/v1/inference/pow/init/generate", SimulatorClient.Poc());
        await node.PostAsync("/api/v1/inference/pow/stop", null);

        // When: the status is read every 20 ms of the node's time
        var seen = new List<string>();
        for (var step = 0; step <= 60 && (seen.Count == 0 || seen[^1] != "IDLE"); step++)
        {
            var status = (string)(await node.GetAsync("/api/v1/inference/pow/status")).Body!["status"]!;
            if (seen.Count == 0 || seen[^1] != status)
            {
                seen.Add(status);
            }

            time.Advance(TimeSpan.FromMilliseconds(20));
        }

        // Then
        Assert.Equal(["GENERATING", "MIXED", "IDLE"], seen);
    }

    [Fact]
    public async Task Generate_WaitTrue_ReturnsDeterministicUnitVectorsAndEncoding()
    {
        await using var node = await SimulatorClient.StartAsync(Running());
        var body = SimulatorClient.Poc();
        body["nonces"] = new JArray(0, 1, 2, 3);
        body["wait"] = true;

        var first = await node.PostAsync("/api/v1/inference/pow/generate", body);
        var second = await node.PostAsync("/api/v1/inference/pow/generate", body);

        Assert.Equal("completed", (string?)first.Body!["status"]);
        JArray artifacts = (JArray)first.Body["artifacts"]!;
        Assert.Equal([0L, 1, 2, 3], artifacts.Select(a => (long)a["nonce"]!));
        Assert.Equal(artifacts.ToString(), second.Body!["artifacts"]!.ToString());
        Assert.Equal(new JObject { ["dtype"] = "f16", ["k_dim"] = 12, ["endian"] = "le" }.ToString(), first.Body["encoding"]!.ToString());
        Assert.Matches("^500[12]:[0-9a-f-]{36}$", (string?)first.Body["request_id"]);
        foreach (var a in artifacts)
        {
            Assert.True(Float16Vector.TryDecode((string?)a["vector_b64"], 12, out var v, out _));
            Assert.InRange(VectorMath.Norm(v), 0.998, 1.002);
        }
    }

    [Fact]
    public async Task Generate_RoundRobinsAcrossReplicas()
    {
        await using var node = await SimulatorClient.StartAsync(Running());
        var body = SimulatorClient.Poc();
        body["nonces"] = new JArray(0);
        body["wait"] = true;

        var ports = new List<string>();
        for (var i = 0; i < 4; i++)
        {
            ports.Add(((string)(await node.PostAsync("/api/v1/inference/pow/generate", body)).Body!["request_id"]!).Split(':')[0]);
        }

        Assert.Equal(["5001", "5002", "5001", "5002"], ports);
    }

    [Fact]
    public async Task Generate_WithValidation_JudgesTheReceivedVectors()
    {
        await using var node = await SimulatorClient.StartAsync(Running());
        var inputs = new VectorInputs("Org/Model", 128, 12, "TEST_BLOCK", "test_pub_keys");
        var artifacts = new JArray(Enumerable.Range(0, 32).Select(n => new JObject
        {
            ["nonce"] = n,
            ["vector_b64"] = n is 3 or 9 ? VectorOracle.Encode(VectorOracle.Dishonest(inputs, n)) : VectorOracle.Encode(VectorOracle.Honest(inputs, n, 64)),
        }));
        var body = SimulatorClient.Poc();
        body["nonces"] = new JArray(Enumerable.Range(0, 32));
        body["wait"] = true;
        body["validation"] = new JObject { ["artifacts"] = artifacts };
        body["stat_test"] = new JObject { ["dist_threshold"] = 0.2, ["p_mismatch"] = 0.001, ["fraud_threshold"] = 0.01 };

        var reply = await node.PostAsync("/api/v1/inference/pow/generate", body);

        Assert.Equal(32, (int)reply.Body!["n_total"]!);
        Assert.Equal(2, (int)reply.Body["n_mismatch"]!);
        Assert.Equal([3L, 9], reply.Body["mismatch_nonces"]!.Values<long>());
        Assert.Equal(BinomialTail.UpperTail(2, 32, 0.001), (double)reply.Body["p_value"]!, 15);
        Assert.True((bool)reply.Body["fraud_detected"]!);
    }

    [Fact]
    public async Task Generate_ValidationWithoutStatTest_UsesTheServerDefaults()
    {
        await using var node = await SimulatorClient.StartAsync(Running());
        var inputs = new VectorInputs("Org/Model", 128, 12, "TEST_BLOCK", "test_pub_keys");
        var body = SimulatorClient.Poc();
        body["nonces"] = new JArray(0);
        body["wait"] = true;

        // Baked at batch 32, recomputed at the node default 64: about 0.08 apart -- above 0.02, below 0.2.
        body["validation"] = new JObject { ["artifacts"] = new JArray(new JObject { ["nonce"] = 0, ["vector_b64"] = VectorOracle.Encode(VectorOracle.Honest(inputs, 0, 32)) }) };
        var strict = await node.PostAsync("/api/v1/inference/pow/generate", body);
        body["stat_test"] = new JObject { ["dist_threshold"] = 0.2 };
        var consensus = await node.PostAsync("/api/v1/inference/pow/generate", body);

        Assert.Equal(1, (int)strict.Body!["n_mismatch"]!);
        Assert.Equal(0, (int)consensus.Body!["n_mismatch"]!);
    }

    [Fact]
    public async Task Generate_WaitFalse_IsQueuedAndPollable()
    {
        // Given: a node that computes 100 nonces/s on a clock the test moves
        var time = SimulatorClient.FakeClock();
        await using var node = await SimulatorClient.StartAsync(Running() with { ComputeRate = 100 }, time);
        var body = SimulatorClient.Poc();
        body["nonces"] = new JArray(Enumerable.Range(0, 10));

        // When: ten nonces are queued, polled before any time passes, then after their 0.1 s
        var queued = await node.PostAsync("/api/v1/inference/pow/generate", body);
        var id = (string)queued.Body!["request_id"]!;
        var early = await node.GetAsync($"/api/v1/inference/pow/generate/{id}");
        // The job's timer is started by a worker thread, perhaps only after a first step of the clock (a step before
        // it would be lost, as on a loaded CI machine): the clock moves 0.1 s a poll until the job is done.
        await SimulatorClient.WaitAsync(async () =>
        {
            time.Advance(TimeSpan.FromSeconds(0.1));
            return (string?)(await node.GetAsync($"/api/v1/inference/pow/generate/{id}")).Body!["status"] == "completed";
        });
        var done = await node.GetAsync($"/api/v1/inference/pow/generate/{id}");
        var malformed = await node.GetAsync("/api/v1/inference/pow/generate/not-an-id");
        var unknown = await node.GetAsync($"/api/v1/inference/pow/generate/5001:{Guid.NewGuid()}");

        Assert.Equal("queued", (string?)queued.Body["status"]);
        Assert.Equal("running", (string?)early.Body!["status"]);
        Assert.Equal(10, ((JArray)done.Body!["artifacts"]!).Count);
        Assert.Equal(HttpStatusCode.BadRequest, malformed.Status);
        Assert.Equal(HttpStatusCode.NotFound, unknown.Status);
    }

    [Theory]
    [InlineData("extra key in params", "params", "extra_forbidden")]
    [InlineData("seq_len as string", "seq_len", "int_type")]
    [InlineData("missing block_hash", "block_hash", "missing")]
    [InlineData("nonces not ints", "nonces", "value_error")]
    public async Task Generate_InvalidBody_Is422LikePydantic(string name, string field, string type)
    {
        await using var node = await SimulatorClient.StartAsync(Running());
        var body = SimulatorClient.Poc();
        body["nonces"] = new JArray(0, 1);
        switch (name)
        {
            case "extra key in params":
                body["params"]!["batch"] = 3;
                break;
            case "seq_len as string":
                body["params"]!["seq_len"] = "128";
                break;
            case "missing block_hash":
                body.Remove("block_hash");
                break;
            default:
                body["nonces"] = new JArray(0, "x");
                break;
        }

        var reply = await node.PostAsync("/api/v1/inference/pow/generate", body);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, reply.Status);
        var error = reply.Body!["detail"]!.First(d => d["loc"]!.Values<object>().Select(o => o!.ToString()).Contains(field == "params" ? "batch" : field));
        Assert.Equal(type, (string?)error["type"]);
    }

    [Fact]
    public async Task InitGenerate_ExtraKeyInParams_Is422()
    {
        await using var node = await SimulatorClient.StartAsync(Running());
        var body = SimulatorClient.Poc();
        body["params"]!["dtype"] = "fp8";

        var reply = await node.PostAsync("/api/v1/inference/pow/init/generate", body);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, reply.Status);
        Assert.Equal(["body", "params", "dtype"], reply.Body!["detail"]![0]!["loc"]!.Values<string>());
    }
}
