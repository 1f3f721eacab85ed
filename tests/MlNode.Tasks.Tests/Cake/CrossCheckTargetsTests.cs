using MlNode.Tasks.Common;
using MlNode.Tasks.CrossCheck;
using MlNode.Tasks.CrossCheck.Documents;
using MlNode.Tasks.Tests.Support;

namespace MlNode.Tasks.Tests.Cake;

/// <summary>The CrossCheck targets through ./build.sh: the demo's exit code, files and words, and a dry run.</summary>
[Collection("cake-addin")]
[Trait("Category", "Integration")]
public sealed class CrossCheckTargetsTests : IDisposable
{
    private readonly TempDirectory _work = new();

    [Fact]
    public async Task CrossCheckDemo_OutputJson_ExitsTwoTheReportAloneOnStdoutThePairAndTheHeatmapOnStderr()
    {
        // When
        var run = await CakeRunner.RunAsync(["--target=CrossCheckDemo", $"--experiments-root={_work.Path}", "--output=json"]);

        // Then: exit 2; standard output is the report file and nothing else
        Assert.True(run.ExitCode == 2, run.Output);
        var page = Directory.GetFiles(_work.Path, CrossCheckFiles.HtmlFile, SearchOption.AllDirectories).Single();
        var json = File.ReadAllText(Path.Combine(Path.GetDirectoryName(page)!, CrossCheckFiles.ReportFile));
        Assert.Equal(json, run.Stdout);
        SchemaAssert.Valid(json, "crosscheck_report.schema.json", CrossCheckFiles.ReportFile);
        var document = DocumentJson.Deserialize<CrossCheckReportDocument>(json);
        Assert.Equal(2, document.ExitCode);
        Assert.Equal(["node1", "node3", "node4"], document.Models.Single().Nodes.Select(n => n.NodeId));
        Assert.Equal("PASS", document.Models.Single().Cells.Single(c => c.Generator == "node3" && c.Validator == "node1").Status);

        // And the people's words went to standard error: the B200 named both ways, the stand-in, the page's path
        Assert.Contains("vectors from node4 (NVIDIA B200) are judged fraud by node1 (NVIDIA H100)", run.Stderr);
        Assert.Contains("vectors from node1 (NVIDIA H100) are judged fraud by node4 (NVIDIA B200)", run.Stderr);
        Assert.Contains("left out: node2 (NVIDIA H100): node1 stands for its class", run.Stderr);
        Assert.Contains("heatmap: " + page, run.Stderr);
    }

    [Fact]
    public async Task CrossCheck_DryRunOverAdHocNodes_SaysWhatItWouldDoAndWritesNothing()
    {
        // When
        var run = await CakeRunner.RunAsync(["--target=CrossCheck", "--mlnode-urls=http://127.0.0.1:9,http://127.0.0.1:10", "--model=Org/M", $"--experiments-root={_work.Combine("exp")}", "--dryrun"]);

        // Then
        Assert.True(run.ExitCode == 0, run.Output);
        Assert.Contains("CrossCheck would have one node per (model, hardware class) from mlnode-urls http://127.0.0.1:9,http://127.0.0.1:10 generate nonces 0..199", run.Stdout);
        Assert.False(Directory.Exists(_work.Combine("exp")));
    }

    public void Dispose() => _work.Dispose();
}
