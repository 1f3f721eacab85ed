using MlNode.Tasks.Common;
using MlNode.Tasks.CrossCheck;
using MlNode.Tasks.Tests.Support;
using Newtonsoft.Json.Linq;

namespace MlNode.Tasks.Tests.CrossCheck;

/// <summary>CrossCheck over HTTP against a simulated Network Node whose MLNodes compute on different hardware classes.</summary>
[Trait("Category", "Integration")]
public sealed class CrossCheckTests
{
    private const string PowGenerate = "/api/v1/inference/pow/generate";

    [Fact]
    public async Task RunAsync_CompatibleClasses_EveryCellPassesAndExitZero()
    {
        // Given: three classes that differ slightly (about 0.014 apart) and never beyond the threshold.
        await using var fleet = await FleetHarness.StartAsync("--fleet=3", "--fleet-hardware=1:NVIDIA H100", "--fleet-hardware=2:NVIDIA H200", "--fleet-hardware=3:NVIDIA B200");

        // When
        var (run, console) = await fleet.CrossCheckAsync(("num-nonces", "40"));

        // Then: a 4x4 matrix (the golden and three nodes) of PASS, each node judged by every other and by the golden.
        Assert.Equal(ExitCodes.Pass, run.ExitCode);
        var matrix = Assert.Single(run.Matrices);
        Assert.Equal(12, matrix.Cells.Count);
        Assert.All(matrix.Cells, c => Assert.True(c.Status == CrossCellStatus.Pass, $"{c.Generator} by {c.Validator}: {c.StatusText} {c.Error}"));
        Assert.All(matrix.Cells.Where(c => c.Validator != CrossSchedule.Golden && c.Generator != CrossSchedule.Golden), c => Assert.Equal(40, c.NTotal));
        var h100h200 = matrix.Distances.Single(d => d.First == "node1" && d.Second == "node2").Summary;
        Assert.InRange(h100h200.Median!.Value, 0.001, 0.05);
        Assert.Equal(0, h100h200.Above);
        Assert.Contains("incompatible pairs: none", File.ReadAllText(Path.Combine(run.Directory, CrossCheckFiles.TextFile)));
        Assert.Contains("[node2] generated 40 vectors", console);
        Assert.True(File.Exists(Path.Combine(run.Directory, CrossCheckFiles.HtmlFile)));

        // And each node's vectors are tied to the software that generated them (the simulator's defaults)
        Assert.All(matrix.Generated, g => Assert.Equal("3.1.0 poc 0.1.6", g.Software));
        Assert.Contains("\"node_software\": \"3.1.0 poc 0.1.6\"", File.ReadAllText(Path.Combine(run.Directory, CrossCheckFiles.ReportFile)));
    }

    [Fact]
    public async Task RunAsync_OneIncompatibleClass_ExitTwoNamingBothDirections()
    {
        // Given: the B200 computes 30 % of the nonces far from every other class.
        await using var fleet = await FleetHarness.StartAsync("--fleet=3", "--fleet-hardware=1:NVIDIA H100", "--fleet-hardware=2:NVIDIA H200", "--fleet-hardware=3:NVIDIA B200:0.3");

        // When
        var (run, _) = await fleet.CrossCheckAsync(("num-nonces", "100"));

        // Then: exit 2, and the pair is named both ways, with each class.
        Assert.Equal(ExitCodes.Fraud, run.ExitCode);
        var incompatible = run.Incompatible.ToList();
        Assert.Contains(incompatible, l => l.Contains("vectors from node3 (NVIDIA B200) are judged fraud by node1 (NVIDIA H100)", StringComparison.Ordinal));
        Assert.Contains(incompatible, l => l.Contains("vectors from node1 (NVIDIA H100) are judged fraud by node3 (NVIDIA B200)", StringComparison.Ordinal));
        var matrix = run.Matrices.Single();
        Assert.Equal(CrossCellStatus.Pass, matrix.Cell("node1", "node2")!.Status);
        Assert.Equal(CrossCellStatus.Pass, matrix.Cell("node2", "node1")!.Status);

        // The node's own count of mismatches is what the local distances find beyond the threshold.
        var local = matrix.Distances.Single(d => d.First == "node1" && d.Second == "node3").Summary;
        Assert.Equal(local.Above, matrix.Cell("node3", "node1")!.NMismatch);
        Assert.InRange(local.Above, 15, 45);
        var report = JObject.Parse(File.ReadAllText(Path.Combine(run.Directory, CrossCheckFiles.ReportFile)));
        Assert.Equal(2, (int)report["exit_code"]!);
        Assert.Equal("FAIL", (string?)report["models"]![0]!["cells"]!.First(c => (string?)c["generator"] == "node3" && (string?)c["validator"] == "node1")!["status"]);

        // And the anatomy: the B200 computes 30 % of the nonces far away, the rest close: sparse far, in the cell and its line.
        Assert.Equal("sparse far", matrix.Cell("node3", "node1")!.Anatomy!.Kind);
        Assert.Equal("sparse far", (string?)report["models"]![0]!["cells"]!.First(c => (string?)c["generator"] == "node3" && (string?)c["validator"] == "node1")!["anatomy"]!["kind"]);
        Assert.Contains(incompatible, l => l.Contains("vectors from node3 (NVIDIA B200) are judged fraud by node1 (NVIDIA H100)", StringComparison.Ordinal) && l.Contains("; why: classes disagree: NVIDIA B200 and NVIDIA H100 disagree on ", StringComparison.Ordinal));
        Assert.DoesNotContain(incompatible, l => l.Contains("substituted", StringComparison.Ordinal));
        Assert.Equal("classes disagree", (string?)report["models"]![0]!["cells"]!.First(c => (string?)c["generator"] == "node3" && (string?)c["validator"] == "node1")!["judgement"]!["cause_kind"]);
    }

    [Fact]
    public async Task RunAsync_EveryOrderedPair_NoNodeEverHasTwoJobsAtOnce()
    {
        // Given: four nodes that take a while per request (so overlaps would show), every node in the matrix.
        await using var fleet = await FleetHarness.StartAsync("--fleet=4", "--compute-rate=2000");

        // When
        var (run, _) = await fleet.CrossCheckAsync(("num-nonces", "100"), ("cross", "all"));

        // Then: each node generated once and validated the golden and the three others, one job at a time.
        var matrix = run.Matrices.Single();
        Assert.Equal(4, matrix.Plan.Nodes.Count);
        foreach (var node in matrix.Plan.Nodes)
        {
            var jobs = matrix.Jobs.Where(j => j.Node == node.Id).OrderBy(j => j.StartedS).ToList();
            Assert.Equal(5, jobs.Count);
            Assert.Equal(CrossJob.Generate, jobs[0].Kind);
            for (var i = 1; i < jobs.Count; i++)
            {
                Assert.True(jobs[i].StartedS >= jobs[i - 1].FinishedS, $"{node.Id} started {jobs[i].Source} at {jobs[i].StartedS}s before {jobs[i - 1].Source} ended at {jobs[i - 1].FinishedS}s");
            }
        }

        // And the node saw exactly that: one generate request per job, never two in flight.
        for (var n = 1; n <= 4; n++)
        {
            Assert.Equal(5, fleet.Requests(n).Count(r => r == "POST " + PowGenerate));
        }
    }

    [Fact]
    public async Task RunAsync_NodeFailingMidMatrix_ItsCellsAreErrorsAndTheRestCompletes()
    {
        // Given: node2 answers every PoC computation with garbage.
        await using var fleet = await FleetHarness.StartAsync("--fleet=3", "--fleet-fault=2:garbage@" + PowGenerate, "--fleet-hardware=1:A", "--fleet-hardware=2:B", "--fleet-hardware=3:C");

        // When
        var (run, _) = await fleet.CrossCheckAsync(("num-nonces", "30"));

        // Then: node2's row and column are ERROR, node1 and node3 still judged each other, and the exit code is 1.
        var matrix = run.Matrices.Single();
        Assert.Equal(ExitCodes.Error, run.ExitCode);
        Assert.All(matrix.Cells.Where(c => c.Generator == "node2" || c.Validator == "node2"), c => Assert.Equal(CrossCellStatus.Error, c.Status));
        Assert.Equal(CrossCellStatus.Pass, matrix.Cell("node1", "node3")!.Status);
        Assert.Equal(CrossCellStatus.Pass, matrix.Cell("node3", "node1")!.Status);
        Assert.Contains("node2 has no vectors", matrix.Cell("node2", "node1")!.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_ValidatorWhoseVerdictsItsOwnVectorsContradict_ItsCellsAreErrorsNeverPass()
    {
        // Given: node2 computes wrong vectors for half the nonces and answers every validation "0 mismatches, no fraud".
        await using var fleet = await FleetHarness.StartAsync("--fleet=3", "--fleet-fault=2:dishonest:0.5", "--fleet-fault=2:lying-validator", "--fleet-hardware=1:A", "--fleet-hardware=2:B", "--fleet-hardware=3:C");

        // When
        var (run, _) = await fleet.CrossCheckAsync(("num-nonces", "64"));

        // Then: every cell node2 judged is an ERROR naming both counts; node2's own vectors still FAIL where others judge them.
        var matrix = run.Matrices.Single();
        var judgedByNode2 = matrix.Cells.Where(c => c.Validator == "node2").ToList();
        Assert.NotEmpty(judgedByNode2);
        Assert.All(judgedByNode2, c =>
        {
            Assert.Equal(CrossCellStatus.Error, c.Status);
            Assert.Matches(@"^validator node2 contradicts its own vectors: it reported 0/(32|64) mismatches, its vectors are \d+/(32|64) beyond", c.Error);
        });
        Assert.Equal(CrossCellStatus.Fail, matrix.Cell("node2", "node1")!.Status);
        Assert.Equal(CrossCellStatus.Pass, matrix.Cell("node1", "node3")!.Status);
        Assert.Equal(ExitCodes.Fraud, run.ExitCode);
    }

    [Fact]
    public async Task RunAsync_NodeThatGivesNoAnswer_IsCalledOnceAndItsRemainingCellsAreErrorsAtOnce()
    {
        // Given: node2 never answers a PoC computation (its first job, its own generation, times out).
        await using var fleet = await FleetHarness.StartAsync("--fleet=3", "--fleet-fault=2:hang@" + PowGenerate, "--fleet-hardware=1:A", "--fleet-hardware=2:B", "--fleet-hardware=3:C");

        // When
        var (run, console) = await fleet.CrossCheckAsync(("num-nonces", "30"), ("validation-timeout", "1"));

        // Then: node2 was asked once; every job of its queue is an ERROR cell saying it was not called again.
        var matrix = run.Matrices.Single();
        Assert.Single(fleet.Requests(2), r => r == "POST " + PowGenerate);
        Assert.All(matrix.Cells.Where(c => c.Validator == "node2"), c => Assert.Equal(CrossCellStatus.Error, c.Status));
        Assert.Contains("not called again", matrix.Cell("node1", "node2")!.Error, StringComparison.Ordinal);
        Assert.Contains("node2 gave no answer", console, StringComparison.Ordinal);
        Assert.Equal(CrossCellStatus.Pass, matrix.Cell("node1", "node3")!.Status);
        Assert.Equal(ExitCodes.Error, run.ExitCode);
    }

    [Fact]
    public async Task RunAsync_Interrupted_StopsGenerationOnEveryNodeAndExits130()
    {
        // Given: generations that take seconds.
        await using var fleet = await FleetHarness.StartAsync("--fleet=3", "--compute-rate=20", "--fleet-hardware=1:A", "--fleet-hardware=2:B", "--fleet-hardware=3:C");
        using var interrupt = new CancellationTokenSource();
        var generating = Task.Run(async () =>
        {
            while (!Enumerable.Range(1, 3).All(n => fleet.Requests(n).Contains("POST " + PowGenerate)))
            {
                await Task.Delay(20);
            }

            await interrupt.CancelAsync();
        });

        // When
        var (run, _) = await fleet.CrossCheckAsync(interrupt.Token, ("num-nonces", "200"));
        await generating;

        // Then
        Assert.Equal(ExitCodes.Interrupted, run.ExitCode);
        Assert.Contains(run.Matrices.Single().Cells, c => c.Status == CrossCellStatus.Interrupted);
        for (var n = 1; n <= 3; n++)
        {
            Assert.Contains("POST /api/v1/inference/pow/stop", fleet.Requests(n));
        }
    }

    [Fact]
    public async Task RunAsync_MlNodeUrls_AdHocNodesEachAClassOfTheirOwn()
    {
        // Given: the fleet's nodes addressed directly, without the Admin API.
        await using var fleet = await FleetHarness.StartAsync("--fleet=2");
        var urls = string.Join(",", fleet.Fleet.Nodes.Select(n => n.BaseUrl));

        // When
        var (run, console) = await fleet.CrossCheckAsync(("mlnode-urls", urls), ("model", TestReferences.Model), ("num-nonces", "20"));

        // Then: both nodes are in the matrix (no hardware is named, so nothing says they agree), and both pass.
        Assert.Equal(ExitCodes.Pass, run.ExitCode);
        var matrix = run.Matrices.Single();
        Assert.Equal(2, matrix.Plan.Nodes.Count);
        Assert.All(matrix.Plan.Nodes, n => Assert.StartsWith(CrossNode.UnknownHardware, n.Hardware, StringComparison.Ordinal));
        Assert.Equal(CrossCheckSettingsResolver.AdHocKind, run.Settings.SourceKind);
        Assert.Contains("WARNING: --mlnode-urls gives no node state", console, StringComparison.Ordinal);
        // A node without hardware is labelled as such, not with its id twice
        var table = File.ReadAllText(Path.Combine(run.Directory, CrossCheckFiles.TextFile));
        Assert.Contains("(hardware unknown)", table);
        Assert.DoesNotContain("(unknown (", table);
    }

    [Fact]
    public async Task RunAsync_NodeInUse_IsRefusedOutsideTheMatrixAndTheExitCodeSaysSo()
    {
        // Given: node2's broker state shows it earning (the Fleet's safety rules apply).
        await using var fleet = await FleetHarness.StartAsync("--fleet=3", "--fleet-in-use=2", "--fleet-hardware=1:A", "--fleet-hardware=2:B", "--fleet-hardware=3:C");

        // When
        var (run, _) = await fleet.CrossCheckAsync(("num-nonces", "20"));

        // Then: node2 was never touched, the other two were cross-checked, and a refusal is exit 1 (as in a fleet).
        var refused = Assert.Single(run.NodeIssues);
        Assert.Equal(("node2", "REFUSED"), (refused.NodeId, refused.StatusText));
        Assert.DoesNotContain(fleet.Requests(2), r => r.StartsWith("POST", StringComparison.Ordinal));
        Assert.Equal(["node1", "node3"], run.Matrices.Single().Plan.Nodes.Select(n => n.Id));
        Assert.Equal(ExitCodes.Error, run.ExitCode);
    }

    [Fact]
    public async Task Summary_CellsAndNamesWithMarkdown_OneRowPerSourceAndNoBrokenTable()
    {
        // Given: a class whose name carries a pipe, a newline, a carriage return and a CI command (outside text, as the Admin API sends it).
        await using var fleet = await FleetHarness.StartAsync("--fleet=2", "--fleet-hardware=1:A|B\nC\r ##vso[task.complete]:0.3", "--fleet-hardware=2:H100");
        var (run, _) = await fleet.CrossCheckAsync(("num-nonces", "40"));
        Tests.Fleet.FleetTextSinksTests.AssertSafe(MlNode.Tasks.CrossCheck.CrossCheckTable.Render(run));

        // When
        var summary = MlNode.Tasks.Ci.CrossCheckSummary.Render(run);
        var outputs = MlNode.Tasks.Ci.CrossCheckSummary.Outputs(run).ToDictionary(o => o.Key, o => o.Value);

        // Then: the table has a header, a rule and one row per source (golden, node1, node2), each of four columns
        Tests.Fleet.FleetTextSinksTests.AssertSafe(summary);
        var table = summary.Split('\n').Where(l => l.StartsWith("| ", StringComparison.Ordinal)).ToList();
        Assert.Equal(4, table.Count);
        Assert.All(table, row => Assert.Equal(5, row.Replace("\\|", string.Empty, StringComparison.Ordinal).Count(c => c == '|')));
        Assert.Contains("❌", summary, StringComparison.Ordinal);
        Assert.Equal("2", outputs["exit_code"]);
        Assert.Equal(run.Incompatible.Count().ToString(System.Globalization.CultureInfo.InvariantCulture), outputs["incompatible"]);
    }

    [Fact]
    public async Task RunAsync_GoldenRecordedForOtherNonces_NodesStillJudgeEachOtherAndTheGoldenIsLeftOut()
    {
        // Given: a golden whose nonces start at 1000, beyond the 20 every node generates.
        await using var fleet = await FleetHarness.StartAsync("--fleet=2", "--fleet-hardware=1:A", "--fleet-hardware=2:B");
        var document = TestReferences.Document();
        foreach (var artifact in document["artifacts"]!)
        {
            artifact["nonce"] = (long)artifact["nonce"]! + 1000;
        }

        TestReferences.Write(fleet.Root.Combine("references"), document);

        // When
        var (run, console) = await fleet.CrossCheckAsync(("num-nonces", "20"));

        // Then: a 2x2 matrix without the golden, passing, and the reason on the console.
        var matrix = run.Matrices.Single();
        Assert.Equal(ExitCodes.Pass, run.ExitCode);
        Assert.Equal(["node1", "node2"], matrix.Sources);
        Assert.Equal(2, matrix.Cells.Count);
        Assert.Contains("the golden reference holds none of nonces 0..19", console, StringComparison.Ordinal);
    }
}
