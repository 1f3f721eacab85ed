using System.Net;
using Newtonsoft.Json.Linq;

namespace MlNode.Simulator.Tests;

[Trait("Category", "Integration")]
public sealed class InferenceRoutesTests
{
    private static JObject Up(string model, params string[] args) => new() { ["model"] = model, ["dtype"] = "auto", ["additional_args"] = new JArray(args) };

    [Fact]
    public async Task UpAsync_StartsThenRuns_WithReplicasGpusOverTp()
    {
        // On a clock the test moves: the 0.2 s startup cannot end before "starting" is observed, however loaded the machine.
        var clock = SimulatorClient.FakeClock();
        await using var node = await SimulatorClient.StartAsync(SimulatorClient.Fast with { Preloaded = ["Org/Model"] }, clock);

        var idle = await node.GetAsync("/api/v1/inference/up/status");
        var start = await node.PostAsync("/api/v1/inference/up/async", Up("Org/Model", "--tensor-parallel-size", "2"));
        var starting = await node.GetAsync("/api/v1/inference/up/status");
        var conflictWhileStarting = await node.PostAsync("/api/v1/inference/up/async", Up("Org/Model"));
        clock.Advance(TimeSpan.FromSeconds(1));
        var running = await node.GetAsync("/api/v1/inference/up/status");
        var conflictWhileRunning = await node.PostAsync("/api/v1/inference/up/async", Up("Org/Model"));

        Assert.Equal("idle", (string?)idle.Body!["status"]);
        Assert.False((bool)idle.Body["is_running"]!);
        Assert.Equal(HttpStatusCode.OK, start.Status);
        Assert.Equal("starting", (string?)start.Body!["status"]);
        Assert.True((bool)starting.Body!["is_starting"]!);
        Assert.Equal(HttpStatusCode.Conflict, conflictWhileStarting.Status);
        Assert.StartsWith("VLLM startup is already in progress", (string?)conflictWhileStarting.Body!["detail"]);
        Assert.Equal("running", (string?)running.Body!["status"]);
        Assert.True((double)running.Body["elapsed_seconds"]! >= 0.2);
        Assert.Equal(HttpStatusCode.Conflict, conflictWhileRunning.Status);
        Assert.StartsWith("VLLM is already running", (string?)conflictWhileRunning.Body!["detail"]);
        Assert.Equal(4, node.Simulator.Vllm.Replicas);
    }

    [Theory]
    [InlineData("3", "tensor_parallel_size=3 does not fit 8 GPUs")]
    [InlineData("16", "tensor_parallel_size=16 does not fit 8 GPUs")]
    [InlineData("two", "invalid --tensor-parallel-size 'two'")]
    public async Task UpAsync_TensorParallelThatDoesNotFit_FailsWithAnError(string tp, string error)
    {
        await using var node = await SimulatorClient.StartAsync(SimulatorClient.Fast with { Preloaded = ["Org/Model"] });

        await node.PostAsync("/api/v1/inference/up/async", Up("Org/Model", $"--tensor-parallel-size={tp}"));
        await SimulatorClient.WaitAsync(async () => (string?)(await node.GetAsync("/api/v1/inference/up/status")).Body!["status"] == "failed");
        var failed = await node.GetAsync("/api/v1/inference/up/status");

        Assert.Contains(error, (string?)failed.Body!["error"]);
        Assert.False((bool)failed.Body["is_running"]!);
        Assert.False((bool)failed.Body["is_starting"]!);
    }

    [Fact]
    public async Task UpAsync_ModelNotCached_Fails()
    {
        await using var node = await SimulatorClient.StartAsync();

        await node.PostAsync("/api/v1/inference/up/async", Up("Org/Missing"));
        await SimulatorClient.WaitAsync(async () => (string?)(await node.GetAsync("/api/v1/inference/up/status")).Body!["status"] == "failed");

        Assert.Contains("not in the local model cache", (string?)(await node.GetAsync("/api/v1/inference/up/status")).Body!["error"]);
    }

    [Fact]
    public async Task Down_StopsVllmAndGeneration()
    {
        await using var node = await SimulatorClient.StartAsync(SimulatorClient.Fast with { Running = "Org/Model" });
        await node.PostAsync("/api/v1/inference/pow/init/generate", SimulatorClient.Poc());

        var down = await node.PostAsync("/api/v1/inference/down", null);
        var status = await node.GetAsync("/api/v1/inference/up/status");
        var pow = await node.GetAsync("/api/v1/inference/pow/status");

        Assert.Equal(HttpStatusCode.OK, down.Status);
        Assert.Equal("idle", (string?)status.Body!["status"]);
        Assert.Equal("NO_BACKENDS", (string?)pow.Body!["status"]);
    }

    [Fact]
    public async Task UpSync_WaitsUntilRunning()
    {
        await using var node = await SimulatorClient.StartAsync(SimulatorClient.Fast with { Preloaded = ["Org/Model"] });

        var reply = await node.PostAsync("/api/v1/inference/up", Up("Org/Model"));

        Assert.Equal(HttpStatusCode.OK, reply.Status);
        Assert.True((bool)(await node.GetAsync("/api/v1/inference/up/status")).Body!["is_running"]!);
    }

    [Theory]
    [InlineData("{\"dtype\": \"auto\"}", "missing")]
    [InlineData("{\"model\": \"Org/Model\", \"dtype\": \"int3\"}", "value_error")]
    [InlineData("{\"model\": \"Org/Model\", \"additional_args\": [\"--x\", 4]}", "value_error")]
    public async Task UpAsync_InvalidBody_Is422(string body, string type)
    {
        await using var node = await SimulatorClient.StartAsync();

        var reply = await node.PostAsync("/api/v1/inference/up/async", body);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, reply.Status);
        Assert.Equal(type, (string?)reply.Body!["detail"]![0]!["type"]);
    }
}
