using MlNode.Simulator;
using MlNode.Tasks.Reports;
using MlNode.Tasks.Tests.Support;
using Newtonsoft.Json.Linq;

namespace MlNode.Tasks.Tests.Cake;

/// <summary>Runs started together as separate processes, as a CI matrix or two operators start them.</summary>
[Collection("cake-graph")]
[Trait("Category", "Integration")]
public sealed class ConcurrentRunsTests : IDisposable
{
    private readonly TempDirectory _root = new();

    [Fact]
    public async Task Report_FourProcessesIntoOneExpDir_OneRunsAndTheOthersAreRefused()
    {
        // Given: four nodes and one --exp-dir named by all four runs
        var nodes = await StartNodesAsync(4);
        var shared = _root.Combine("shared-exp");

        // When: the four start together
        var runs = await Task.WhenAll(nodes.Select(n => CakeRunner.RunAsync([.. Arguments(n), $"--exp-dir={shared}"])));

        // Then: one run owns the folder and its report names that run's node; the others touched nothing
        var winner = Assert.Single(runs, r => r.ExitCode == 0);
        Assert.All(runs.Where(r => r != winner), r =>
        {
            Assert.Equal(1, r.ExitCode);
            // Refused while the winner runs, or after it wrote its report: either way with one line and nothing written.
            Assert.Matches("^ERROR: --exp-dir '.*' (is already in use by another run|already holds a report)", r.LastLine);
        });
        var report = JObject.Parse(File.ReadAllText(Path.Combine(shared, ExperimentDirectory.ReportFile)));
        var url = (string)report["mlnode_url"]!;
        Assert.Contains(url, winner.Stdout);
        Assert.Single(nodes, n => n.BaseUrl == url.TrimEnd('/'));
        Assert.Equal(1, nodes.Count(n => n.Journal.To("POST", "/api/v1/inference/pow/generate").Count > 0));
    }

    [Fact]
    public async Task Report_FourProcessesUnderOneRoot_FourFoldersEachWithItsOwnNode()
    {
        // Given: four nodes, one experiments root and one experiment name (the same timestamped folder for all)
        var nodes = await StartNodesAsync(4);
        var root = _root.Combine("experiments");

        // When
        var runs = await Task.WhenAll(nodes.Select(n => CakeRunner.RunAsync([.. Arguments(n), $"--experiments-root={root}", "--exp-name=same"])));

        // Then: every run passed into a folder of its own, and each folder's report names a different node
        Assert.All(runs, r => Assert.True(r.ExitCode == 0, r.Output));
        var urls = Directory.GetDirectories(root)
            .Select(d => (string)JObject.Parse(File.ReadAllText(Path.Combine(d, ExperimentDirectory.ReportFile)))["mlnode_url"]!)
            .ToList();
        Assert.Equal(4, urls.Count);
        Assert.Equal(4, urls.Distinct().Count());
    }

    private async Task<MlNodeSimulator[]> StartNodesAsync(int count)
    {
        var nodes = await Task.WhenAll(Enumerable.Range(0, count).Select(_ => MlNodeSimulator.StartAsync(RunHarness.FastSimulator)));
        _nodes.AddRange(nodes);
        File.WriteAllText(Path.Combine(Directory.CreateDirectory(_root.Combine("refs")).FullName, "testorg-tiny-poc-1b.json"), TestReferences.Document().ToString());
        return nodes;
    }

    private IEnumerable<string> Arguments(MlNodeSimulator node) =>
    [
        "--target=Report", $"--mlnode-url={node.BaseUrl}", $"--model={TestReferences.Model}", $"--references-path={_root.Combine("refs")}",
        "--skip-throughput", .. RunHarness.FastCommandLine,
    ];

    private readonly List<MlNodeSimulator> _nodes = [];

    public void Dispose()
    {
        foreach (var node in _nodes)
        {
            node.DisposeAsync().AsTask().GetAwaiter().GetResult();
        }

        _root.Dispose();
    }
}
