using MlNode.Simulator;
using MlNode.Tasks.Common;
using MlNode.Tasks.Reports;
using MlNode.Tasks.Tests.Support;
using Newtonsoft.Json.Linq;

namespace MlNode.Tasks.Tests.Gates;

/// <summary>Throughput gates over HTTP against the simulator: opt-in, a separate outcome, exit 3 only when nothing worse happened.</summary>
[Trait("Category", "Integration")]
public sealed class GateTests : IAsyncDisposable
{
    private readonly List<RunHarness> _harnesses = [];

    [Fact]
    public async Task MinThroughput_AboveWhatTheNodeDoes_IsExitThreeAndTheVerdictStaysPass()
    {
        // Given: a node of 2 replicas at 50 n/s each, and a gate at 1000 n/s.
        var node = await StartAsync(RunHarness.FastSimulator);

        // When
        var result = await node.RunAsync(("min-throughput", "1000"));

        // Then: the verdict is untouched, the gate line and exit 3 say what failed, everywhere.
        Assert.Equal("PASS", result.Verdict);
        Assert.Equal(ExitCodes.Gate, result.ExitCode);
        Assert.Equal(ExitCodes.Gate, (int)result.Report["exit_code"]!);
        var gate = (JObject)Assert.Single(result.Report["gates"]!);
        Assert.Equal("min-throughput", (string?)gate["name"]);
        Assert.False((bool)gate["passed"]!);
        Assert.Equal(1000, (double)gate["limit"]!);
        Assert.StartsWith("gate: FAIL (min-throughput: ", (string?)result.Report["gate"]);
        Assert.Contains("PASS, gate FAILED — ", result.Console);
        Assert.Contains("gate: min-throughput: ", result.Console);
        var text = File.ReadAllText(Path.Combine(result.ExperimentDirectory, ExperimentDirectory.TextFile));
        Assert.Contains("verdict: PASS\ngate: FAIL (min-throughput: ", text.ReplaceLineEndings("\n"));
        var junit = JUnitAssert.Valid(Path.Combine(result.ExperimentDirectory, ExperimentDirectory.JUnitFile));
        Assert.Equal("failure", JUnitAssert.Result(junit, "gate: min-throughput")!.Name.LocalName);
        Assert.Contains(new KeyValuePair<string, string>("gate", "FAIL"), MlNode.Tasks.Ci.StepOutputs.Of(result.Outcome));
        Assert.Contains("gate: FAIL (min-throughput: ", MlNode.Tasks.Ci.MarkdownSummary.Render(result.Outcome));
    }

    [Fact]
    public async Task MaxReplicaSpread_SlowReplica_Fails()
    {
        var node = await StartAsync(RunHarness.With("slow-replica:0.3"));

        var result = await node.RunAsync(("max-replica-spread", "20"), ("min-throughput", "1"));

        Assert.Equal(ExitCodes.Gate, result.ExitCode);
        var gates = result.Report["gates"]!.ToDictionary(g => (string)g["name"]!, g => (bool)g["passed"]!);
        Assert.True(gates["min-throughput"]);
        Assert.False(gates["max-replica-spread"]);
    }

    [Fact]
    public async Task Baseline_SlowerThanTheBaselineRun_FailsTheDropGateComparingCounters()
    {
        // Given: a baseline run on a node at 50 n/s per replica, and the same model on a node at 25, each measured for
        // 20 s of a fake clock moved in 0.2 s steps (so the rates do not depend on the machine's load).
        await using var clock = new SteppedClock(TimeSpan.FromMilliseconds(200), TimeSpan.FromMilliseconds(5));
        var window = new[] { ("measure-seconds", "20"), ("sample-interval", "5"), ("request-timeout", "600") };
        var fast = await StartAsync(RunHarness.FastSimulator, clock.Time);
        var baseline = await fast.RunAsync(window);
        var slow = await StartAsync(RunHarness.FastSimulator with { Rate = 25 }, clock.Time);

        // When
        var result = await slow.RunAsync([.. window, ("baseline", Path.Combine(baseline.ExperimentDirectory, ExperimentDirectory.ReportFile)), ("baseline-other-node", string.Empty)]);

        // Then: a 50 % drop (within a step at each edge of each window) against the default 10 %, counters compared.
        Assert.Equal(ExitCodes.Gate, result.ExitCode);
        var gate = (JObject)Assert.Single(result.Report["gates"]!);
        Assert.Equal("max-throughput-drop", (string?)gate["name"]);
        Assert.Equal(10, (double)gate["limit"]!);
        Assert.InRange((double)gate["measured"]!, 45, 55);
        Assert.StartsWith("counter-based rate", (string?)gate["detail"]);
    }

    [Theory]
    [InlineData("zero", "its throughput is 0 nonces/s")]
    [InlineData("negative", "its throughput is -5 nonces/s")]
    [InlineData("nan", "its throughput is NaN nonces/s")]
    [InlineData("none", "it measured no throughput")]
    public async Task Baseline_ThroughputThatCannotBeJudged_IsAnErrorNamingTheFileNotAPass(string edit, string expected)
    {
        // Given: an earlier run of this node whose report says it measured nothing usable
        var node = await StartAsync(RunHarness.FastSimulator);
        var earlier = await node.RunAsync();
        var file = Path.Combine(earlier.ExperimentDirectory, ExperimentDirectory.ReportFile);
        var original = await File.ReadAllTextAsync(file);
        var report = JObject.Parse(original);
        var summary = (JObject)report["throughput"]!["summary"]!;
        if (edit == "none")
        {
            report["throughput"] = null;
        }
        else
        {
            JToken value = edit switch { "zero" => 0, "negative" => -5, _ => "NaN" };
            summary["counter_nonces_per_second"] = value;
            summary["avg_sum_nonces_per_second"] = value;
        }

        await File.WriteAllTextAsync(file, report.ToString());

        // When / Then: an input error before the node is touched, naming the baseline file
        var requests = node.Simulator.Journal.Requests.Count;
        var error = await Assert.ThrowsAsync<InputException>(() => node.RunAsync(("baseline", file)));
        Assert.Contains($"--baseline '{file}' cannot be judged against: {expected}", error.Message);
        Assert.Equal(requests, node.Simulator.Journal.Requests.Count);
        await File.WriteAllTextAsync(file, original); // the harness checks every report it leaves against the schema
    }

    [Fact]
    public async Task Baseline_OfAnotherModelOrNode_IsRefusedUnlessAnotherNodeIsAskedFor()
    {
        // Given: an earlier run on another node, and a copy of it that claims another model
        var other = await StartAsync(RunHarness.FastSimulator);
        var earlier = await other.RunAsync();
        var file = Path.Combine(earlier.ExperimentDirectory, ExperimentDirectory.ReportFile);
        var otherModel = JObject.Parse(await File.ReadAllTextAsync(file));
        otherModel["model"] = "Other/Model-7B";
        var otherModelFile = Path.Combine(earlier.ExperimentDirectory, "other-model.json");
        await File.WriteAllTextAsync(otherModelFile, otherModel.ToString());
        var node = await StartAsync(RunHarness.FastSimulator);

        // When / Then
        Assert.Contains("is a run of node", (await Assert.ThrowsAsync<InputException>(() => node.RunAsync(("baseline", file)))).Message);
        Assert.Contains("is a run of model 'Other/Model-7B'", (await Assert.ThrowsAsync<InputException>(() => node.RunAsync(("baseline", otherModelFile), ("baseline-other-node", string.Empty)))).Message);
        var accepted = await node.RunAsync(("baseline", file), ("baseline-other-node", string.Empty), ("max-throughput-drop", "50"));
        Assert.Equal(ExitCodes.Pass, accepted.ExitCode);
    }

    [Fact]
    public async Task BaselineAuto_EarlierPassOfTheSameNode_IsFoundAndWithinTheLimit()
    {
        var node = await StartAsync(RunHarness.FastSimulator);
        var first = await node.RunAsync();

        var second = await node.RunAsync(("baseline", "auto"), ("max-throughput-drop", "50"));

        Assert.Equal(ExitCodes.Pass, second.ExitCode);
        var gate = (JObject)Assert.Single(second.Report["gates"]!);
        Assert.True((bool)gate["passed"]!);
        Assert.Contains(first.ExperimentDirectory, (string?)gate["detail"]);
        Assert.StartsWith("gate: PASS (baseline: ", (string?)second.Report["gate"]);
        Assert.EndsWith(Path.Combine(Path.GetFileName(first.ExperimentDirectory), ExperimentDirectory.ReportFile) + ")", (string?)second.Report["gate"]);
    }

    [Theory]
    [InlineData("rate")]
    [InlineData("date")]
    [InlineData("gate")]
    public async Task BaselineAuto_ForgedOrGateFailedEarlierRun_IsNeverTheBaseline(string forged)
    {
        // Given: one honest earlier PASS, and a later report that claims what it cannot be (a rate its replicas do not
        // add up to, a start after its file was written) or failed its own gate
        var node = await StartAsync(RunHarness.FastSimulator);
        var honest = await node.RunAsync();
        var other = forged == "gate" ? await node.RunAsync(("min-throughput", "1000000")) : await node.RunAsync();
        var file = Path.Combine(other.ExperimentDirectory, ExperimentDirectory.ReportFile);
        var report = JObject.Parse(await File.ReadAllTextAsync(file));
        if (forged == "rate")
        {
            report["throughput"]!["summary"]!["counter_nonces_per_second"] = 1e12;
            report["throughput"]!["summary"]!["avg_sum_nonces_per_second"] = 1e12;
        }
        else if (forged == "date")
        {
            report["started_at"] = "2099-01-01T00:00:00.0000000+00:00";
        }

        await File.WriteAllTextAsync(file, report.ToString());

        // When
        var result = await node.RunAsync(("baseline", "auto"), ("max-throughput-drop", "50"));

        // Then: the honest run is the baseline and the honest node passes its gate
        Assert.Equal(ExitCodes.Pass, result.ExitCode);
        Assert.Contains(Path.GetFileName(honest.ExperimentDirectory), (string?)result.Report["gate"]);
    }

    [Fact]
    public async Task BaselineAuto_NoEarlierRun_SaysSoAndDoesNotGate()
    {
        var node = await StartAsync(RunHarness.FastSimulator);

        var result = await node.RunAsync(("baseline", "auto"));

        Assert.Equal(ExitCodes.Pass, result.ExitCode);
        Assert.Empty(result.Report["gates"]!);
        Assert.Contains("--baseline=auto found no earlier PASS of this node, model and deploy config", (string?)result.Report["gate"]);
    }

    [Fact]
    public async Task Baseline_UnreadableFile_IsAnInputErrorBeforeTheRun()
    {
        var node = await StartAsync(RunHarness.FastSimulator);
        var broken = node.Root.Combine("broken.json");
        File.WriteAllText(broken, "{ not json");

        var error = await Assert.ThrowsAsync<InputException>(() => node.RunAsync(("baseline", broken)));

        Assert.StartsWith($"--baseline '{broken}' is not a readable validate_report.json", error.Message);
        Assert.Empty(node.Simulator.Journal.Requests);
    }

    [Fact]
    public async Task ExitCode_GateFailsWithSomethingWorse_TheWorseWins()
    {
        var node = await StartAsync(RunHarness.With("dishonest:0.5"));

        var result = await node.RunAsync(("min-throughput", "1000"));

        Assert.Equal(ExitCodes.Fraud, result.ExitCode);
    }

    [Fact]
    public async Task Resolve_GateWithoutTheThroughputPhase_RefusedBeforeTheNodeIsTouched()
    {
        // Given: a gate on throughput and --skip-throughput
        var node = await StartAsync(RunHarness.FastSimulator);

        // When
        var error = await Assert.ThrowsAsync<InputException>(() => node.RunAsync(("min-throughput", "1000"), ("skip-throughput", string.Empty)));

        // Then: one error naming the conflict, and no download, deploy or validation ran first
        Assert.Equal("the throughput gates cannot be judged: the throughput phase will not run (--skip-throughput); drop the gate arguments or let the phase run", error.Message);
        Assert.Empty(node.Simulator.Journal.Requests);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var harness in _harnesses)
        {
            await harness.DisposeAsync();
        }
    }

    private async Task<RunHarness> StartAsync(SimulatorOptions options, TimeProvider? time = null)
    {
        var harness = await RunHarness.StartAsync(options, time);
        harness.WriteReference();
        _harnesses.Add(harness);
        return harness;
    }
}
