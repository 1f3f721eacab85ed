using System.Net;

namespace MlNode.Simulator.Tests;

[Trait("Category", "Integration")]
public sealed class IdentityRoutesTests
{
    [Fact]
    public async Task StateAndVersions_BeforeAndAfterVllmIsUp_AsTheContractDescribesThem()
    {
        // Given a node serving a model already, and one that is stopped
        await using var stopped = await SimulatorClient.StartAsync(SimulatorClient.Fast with { MlNodeVersion = "3.0.17", PocVersion = "0.1.5" });
        await using var serving = await SimulatorClient.StartAsync(SimulatorClient.Fast with { Running = "Org/Model" });

        // When
        var stoppedState = await stopped.GetAsync("/api/v1/state");
        var stoppedVersions = await stopped.GetAsync("/api/v1/versions");
        var servingState = await serving.GetAsync("/api/v1/state");
        var servingVersions = await serving.GetAsync("/api/v1/versions");

        // Then: the state always answers; the versions come from a backend, so only while vLLM is up
        Assert.Equal("STOPPED", (string?)stoppedState.Body!["state"]);
        Assert.Equal("3.0.17", (string?)stoppedState.Body["version"]);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, stoppedVersions.Status);
        Assert.Equal("INFERENCE", (string?)servingState.Body!["state"]);
        Assert.Equal("Org/Model", (string?)servingState.Body["loaded_model"]);
        Assert.Equal(HttpStatusCode.OK, servingVersions.Status);
        Assert.Equal("0.1.6", (string?)servingVersions.Body!["gonka_poc_version"]);
        Assert.Equal("0.11.0", (string?)servingVersions.Body["vllm_version"]);
    }

    [Fact]
    public void Parse_MlNodeVersionNone_IsAnOlderNodeWithoutTheEndpoints()
    {
        var options = SimulatorOptions.Parse(["--mlnode-version=none", "--poc-version=0.1.5", "--vllm-version=0.9.2"]);

        Assert.Null(options.MlNodeVersion);
        Assert.Equal("0.1.5", options.PocVersion);
        Assert.Equal("0.9.2", options.VllmVersion);
    }

    [Fact]
    public void ReportedPocVersion_NodeWithTheFirstInBatchFault_IsOneBeforeTheFix()
    {
        Assert.Equal("0.1.5", SimulatorOptions.Parse(["--fault=first-in-batch:16"]).ReportedPocVersion);
        Assert.Equal("0.1.6", SimulatorOptions.Parse([]).ReportedPocVersion);
        Assert.Equal("0.1.7", SimulatorOptions.Parse(["--fault=first-in-batch", "--poc-version=0.1.7"]).ReportedPocVersion);
    }

    [Fact]
    public async Task StateAndVersions_OlderNode_Answer404()
    {
        await using var old = await SimulatorClient.StartAsync(SimulatorClient.Fast with { MlNodeVersion = null, Running = "Org/Model" });

        Assert.Equal(HttpStatusCode.NotFound, (await old.GetAsync("/api/v1/state")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await old.GetAsync("/api/v1/versions")).Status);
    }
}
