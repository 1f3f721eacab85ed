using MlNode.Tasks.Common;
using MlNode.Tasks.Fleet;
using MlNode.Tasks.Tests.Support;
using Newtonsoft.Json.Linq;

namespace MlNode.Tasks.Tests.Fleet;

/// <summary>A fleet validated under a decode reference: the scheme goes through every pair and the fleet's files unchanged.</summary>
[Trait("Category", "Integration")]
public sealed class DecodeFleetTests
{
    [Fact]
    public async Task RunAsync_DecodeReference_EveryPairValidatesUnderDecodeAndTheSubstitutingNodeFails()
    {
        // Given: two honest classes and a node that substitutes a third of its trajectories
        await using var harness = await FleetHarness.StartAsync("--fleet=3", "--fleet-hardware=1:NVIDIA H100", "--fleet-hardware=2:NVIDIA H200", "--fleet-fault=3:dishonest:0.35");
        TestReferences.Write(harness.Root.Combine("references"), TestReferences.DecodeDocument(count: 32, maxTokens: 16));

        // When
        var (run, _) = await harness.RunAsync();

        // Then: the substituting node fails, the honest ones pass, and each pair's report says decode
        Assert.Equal(["node3 FAIL", "node1 PASS", "node2 PASS"], run.Result.Rows.Select(r => $"{r.NodeId} {r.StatusText}"));
        Assert.Equal(ExitCodes.Fraud, run.Result.ExitCode);
        foreach (var row in run.Result.Rows)
        {
            var report = JObject.Parse(await File.ReadAllTextAsync(Path.Combine(run.Directory, row.ExperimentDirectory!, "validate_report.json")));
            Assert.Equal("decode", (string?)report.SelectToken("$..poc_params.scheme"));
            Assert.NotNull(report["validation"]!["decode"]);
        }

        Assert.True(File.Exists(Path.Combine(run.Directory, FleetFiles.ReportFile)));
    }
}
