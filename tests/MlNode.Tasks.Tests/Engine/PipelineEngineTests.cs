using MlNode.Simulator;
using MlNode.Tasks.Common;
using MlNode.Tasks.Engine;
using MlNode.Tasks.Running;
using MlNode.Tasks.Tests.Support;

namespace MlNode.Tasks.Tests.Engine;

/// <summary>Several pipelines in one process: each its own report, exit code and node; output attributable.</summary>
[Trait("Category", "Integration")]
public sealed class PipelineEngineTests : IAsyncDisposable
{
    private readonly List<RunHarness> _harnesses = [];

    [Fact]
    public async Task Start_TwoNodesWithInterleavedPhases_EachGetsItsOwnVerdictAndNeitherTouchesTheOther()
    {
        // Given: node A is dishonest and idle; node B is honest and already serves the model (deployed by someone else).
        var a = await StartAsync(RunHarness.With("dishonest:0.5"));
        var b = await StartAsync(RunHarness.FastSimulator with { Running = TestReferences.Model, RunningTp = 4 });
        var console = new StringWriter();
        var engine = new PipelineEngine(new TextRunLog(console, new SecretRedactor()), new SecretRedactor());

        // When: their phases interleave: A deploys (and the engine remembers it) before B's deploy looks at B.
        using var runA = engine.Start(a.Resolve(), "a");
        using var runB = engine.Start(b.Resolve(), "b");
        await Task.WhenAll(runA.DownloadAsync(), runB.DownloadAsync());
        await runA.DeployAsync();
        await runB.DeployAsync();
        await Task.WhenAll(runA.ThroughputAsync(), runB.ThroughputAsync());
        await Task.WhenAll(runA.ValidateAsync(), runB.ValidateAsync());
        var codeA = runA.Complete(null, engine.LogFor("a"));
        var codeB = runB.Complete(null, engine.LogFor("b"));

        // Then: A is fraud, B passes; B's vLLM was left alone (A's deploy is not B's), each stopped only its own generation.
        Assert.Equal(ExitCodes.Fraud, codeA);
        Assert.Equal(ExitCodes.Pass, codeB);
        Assert.NotEqual(runA.Report.ExperimentDirectory, runB.Report.ExperimentDirectory);
        Assert.Equal("deployed", runA.Report.Deploy.Action);
        Assert.Equal("already_running", runB.Report.Deploy.Action);
        Assert.Empty(b.Simulator.Journal.To("POST", "/api/v1/inference/down"));
        Assert.Empty(b.Simulator.Journal.To("POST", "/api/v1/inference/up/async"));
        Assert.Single(a.Simulator.Journal.To("POST", "/api/v1/inference/up/async"));
        Assert.Single(a.Simulator.Journal.To("POST", "/api/v1/inference/pow/stop"));
        Assert.Single(b.Simulator.Journal.To("POST", "/api/v1/inference/pow/stop"));
        AssertAttributable(console.ToString(), ("a", a.Simulator.BaseUrl), ("b", b.Simulator.BaseUrl));
    }

    [Fact]
    public async Task RunAsync_ManyNodesAtOnce_EachGetsItsOwnVerdictAndLines()
    {
        // Given: three nodes, the middle one dishonest.
        var nodes = new[]
        {
            await StartAsync(RunHarness.FastSimulator),
            await StartAsync(RunHarness.With("dishonest:0.5")),
            await StartAsync(RunHarness.FastSimulator),
        };
        var console = new StringWriter();
        var engine = new PipelineEngine(new TextRunLog(console, new SecretRedactor()), new SecretRedactor());

        // When
        var outcomes = await Task.WhenAll(nodes.Select((n, i) => engine.RunAsync(n.Resolve(), $"node{i}")));

        // Then
        Assert.Equal([ExitCodes.Pass, ExitCodes.Fraud, ExitCodes.Pass], outcomes.Select(o => o.ExitCode));
        Assert.All(outcomes, o => Assert.True(File.Exists(Path.Combine(o.ExperimentDirectory, MlNode.Tasks.Reports.ExperimentDirectory.ReportFile))));
        AssertAttributable(console.ToString(), nodes.Select((n, i) => ($"node{i}", n.Simulator.BaseUrl)).ToArray());
    }

    [Fact]
    public async Task RunAsync_TwoPipelinesOnOneNode_NeverOverlap()
    {
        // Given: one node, two pipelines for it.
        var node = await StartAsync(RunHarness.FastSimulator);
        var engine = new PipelineEngine(new TextRunLog(new StringWriter(), new SecretRedactor()), new SecretRedactor());

        // When
        var outcomes = await Task.WhenAll(engine.RunAsync(node.Resolve(), "first"), engine.RunAsync(node.Resolve(), "second"));

        // Then: whichever went second started only after the other finished, so it reused the vLLM the first deployed.
        Assert.All(outcomes, o => Assert.Equal(ExitCodes.Pass, o.ExitCode));
        var ordered = outcomes.Select(o => o.Report).OrderBy(r => r.StartedAt).ToList();
        var (first, second) = (ordered[0], ordered[1]);
        Assert.True(second.StartedAt >= first.FinishedAt, $"second started {second.StartedAt:O}, first finished {first.FinishedAt:O}");
        Assert.Equal("reused", second.Deploy.Action);
        Assert.Single(node.Simulator.Journal.To("POST", "/api/v1/inference/up/async"));
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var harness in _harnesses)
        {
            await harness.DisposeAsync();
        }
    }

    // Every line starts with exactly one pipeline's label, and a line that names a node names that pipeline's node.
    private static void AssertAttributable(string output, params (string Label, string Url)[] pipelines)
    {
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r')).ToList();
        Assert.NotEmpty(lines);
        foreach (var line in lines)
        {
            var owner = pipelines.Where(p => line.StartsWith($"[{p.Label}] ", StringComparison.Ordinal)).ToList();
            Assert.True(owner.Count == 1, $"line not attributable to one pipeline: {line}");
            Assert.All(pipelines.Where(p => p.Label != owner[0].Label), other => Assert.DoesNotContain(other.Url, line));
        }

        Assert.All(pipelines, p => Assert.Contains(lines, l => l.StartsWith($"[{p.Label}] ", StringComparison.Ordinal) && l.Contains(p.Url, StringComparison.Ordinal)));
    }

    private async Task<RunHarness> StartAsync(SimulatorOptions options)
    {
        var harness = await RunHarness.StartAsync(options);
        harness.WriteReference();
        _harnesses.Add(harness);
        return harness;
    }
}
