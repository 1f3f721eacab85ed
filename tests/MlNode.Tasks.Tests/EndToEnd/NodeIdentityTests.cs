using MlNode.Tasks.Common;
using MlNode.Tasks.Tests.Support;

namespace MlNode.Tasks.Tests.EndToEnd;

/// <summary>Every report says which node software earned its verdict; an older node that cannot say changes nothing else.</summary>
[Trait("Category", "Integration")]
public sealed class NodeIdentityTests
{
    [Fact]
    public async Task Run_NodeThatReportsItsVersions_ReportSummaryAndPageNameThem()
    {
        // Given a cold node (no backend until the run deploys one, so its versions come after deploy)
        await using var harness = await RunHarness.StartAsync(RunHarness.FastSimulator with { MlNodeVersion = "3.1.0", PocVersion = "0.1.6", VllmVersion = "0.11.0" });
        harness.WriteReference();

        // When
        var run = await harness.RunAsync();

        // Then
        Assert.Equal(ExitCodes.Pass, run.ExitCode);
        var node = run.Report["node"]!;
        Assert.Equal("STOPPED", (string?)node["state"]);
        Assert.Equal("3.1.0", (string?)node["mlnode_version"]);
        Assert.Equal("0.11.0", (string?)node["vllm_version"]);
        Assert.Equal("0.1.6", (string?)node["poc_plugin_version"]);
        Assert.Null((string?)node["note"]);
        Assert.Contains("node software: MLNode 3.1.0, vLLM 0.11.0, gonka-poc 0.1.6 (state STOPPED)", File.ReadAllText(Path.Combine(run.ExperimentDirectory, "validate_report.txt")));
        Assert.Contains("node software: MLNode 3.1.0, vLLM 0.11.0, gonka-poc 0.1.6", File.ReadAllText(Path.Combine(run.ExperimentDirectory, "validate_report.html")));
    }

    [Fact]
    public async Task Run_OlderNodeWithoutIdentityEndpoints_SaysNotReportedAndPassesAsBefore()
    {
        await using var harness = await RunHarness.StartAsync(RunHarness.FastSimulator with { MlNodeVersion = null });
        harness.WriteReference();

        var run = await harness.RunAsync();

        Assert.Equal(ExitCodes.Pass, run.ExitCode);
        Assert.Equal("PASS", run.Verdict);
        Assert.StartsWith("not reported by this MLNode (GET /api/v1/state: 404; GET /api/v1/versions: 404)", (string?)run.Report["node"]!["note"]);
        Assert.Null((string?)run.Report["node"]!["mlnode_version"]);
    }
}
