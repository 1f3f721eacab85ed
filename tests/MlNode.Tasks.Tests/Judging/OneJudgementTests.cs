using System.Net;
using MlNode.Tasks.Addin;
using MlNode.Tasks.Ci;
using MlNode.Tasks.Common;
using MlNode.Tasks.Fleet;
using MlNode.Tasks.Fleet.Documents;
using MlNode.Tasks.Judging;
using MlNode.Tasks.Metrics;
using MlNode.Tasks.Reports;
using MlNode.Tasks.Tests.Support;
using Newtonsoft.Json.Linq;

namespace MlNode.Tasks.Tests.Judging;

/// <summary>
/// One judgement, said the same way on every surface: for each outcome the simulator can produce, every surface a run
/// writes (console, text, JSON, page, JUnit, job summary, metrics body, fleet row, addin) says the same label, the same
/// counts and the same cause sentence.
/// </summary>
[Trait("Category", "Integration")]
public sealed class OneJudgementTests
{
    public static TheoryData<string, string[], string[], int, string, string?> Outcomes => new()
    {
        { "pass", [], [], ExitCodes.Pass, "PASS", null },
        { "fraud, sparse far", ["dishonest:0.5"], [], ExitCodes.Fraud, "FAIL", "sparse far" },
        { "fraud, batch stride", ["first-in-batch:16"], [], ExitCodes.Fraud, "FAIL", "batch stride" },
        { "fraud, broken vectors", ["broken-vectors"], [], ExitCodes.Fraud, "FAIL", "broken" },
        { "fraud, uniform shift", [], ["validation-batch-size=32", "threshold=0.05"], ExitCodes.Fraud, "FAIL", "uniform shift" },
        { "contradiction of the node's word", ["dishonest:0.5", "lying-validator"], [], ExitCodes.Error, "ERROR", "validate failed" },
        { "incoherent reply", ["incoherent"], [], ExitCodes.Error, "ERROR", "validate failed" },
        { "deploy error", ["deploy-fails"], [], ExitCodes.Error, "ERROR", "deploy failed" },
        { "failed gate", [], ["min-throughput=100000"], ExitCodes.Gate, "PASS, gate FAILED", "gate" },
    };

    [Theory]
    [MemberData(nameof(Outcomes))]
    public async Task Run_EachOutcome_EverySurfaceSaysTheSameLabelCountsAndCause(string outcome, string[] faults, string[] arguments, int exitCode, string label, string? kind)
    {
        // Given: a node made to end in this outcome, on 128 nonces so a pattern has room to show (a reference recorded at
        // batch 16 where the outcome needs every vector a little off: the simulator's vectors depend on the batch)
        await using var harness = await RunHarness.StartAsync(RunHarness.With(faults));
        harness.WriteReference(TestReferences.Document(count: 128, collectionBatch: arguments.Contains("validation-batch-size=32") ? 16 : null));

        // When
        var result = await harness.RunAsync([.. arguments.Select(a => (a.Split('=')[0], a.Split('=')[1]))]);

        // Then
        AssertEverySurface(harness, result, outcome, exitCode, label, kind);
    }

    public static TheoryData<string, string, string[], double, int, string, string> DecodeOutcomes => new()
    {
        // An H200 whose divergent nonces sit just past a tight τ: the chain's rule says FAIL, the words say near ties.
        { "decode near ties", "NVIDIA H200:0.5", [], 0.01, ExitCodes.Fraud, "FAIL", "near ties" },
        { "decode substitution", "NVIDIA H100", ["dishonest:0.4"], 0.025, ExitCodes.Fraud, "FAIL", "substituted trajectories" },
    };

    [Theory]
    [MemberData(nameof(DecodeOutcomes))]
    public async Task Run_EachDecodeOutcome_EverySurfaceSaysTheSameLabelCountsAndCause(string outcome, string hardware, string[] faults, double tau, int exitCode, string label, string kind)
    {
        // Given: a decode reference recorded with no class, validated by a node of this class
        var options = RunHarness.With(faults) with { Hardware = MlNode.Simulator.State.HardwareClass.Parse(hardware) };
        await using var harness = await RunHarness.StartAsync(options);
        harness.WriteReference(TestReferences.DecodeDocument(count: 64, maxTokens: 16));

        // When
        var result = await harness.RunAsync(("skip-throughput", string.Empty), ("threshold", tau.ToString(System.Globalization.CultureInfo.InvariantCulture)));

        // Then
        AssertEverySurface(harness, result, outcome, exitCode, label, kind);
        Assert.Contains("per_nonce scores", result.Outcome.Report.Judgement.Counts!.Basis, StringComparison.Ordinal);
        Assert.DoesNotContain("verified", result.Outcome.Report.Judgement.Headline, StringComparison.Ordinal);
        if (kind == "near ties")
        {
            Assert.Contains("CrossCheck", result.Outcome.Report.Judgement.NextStep, StringComparison.Ordinal);
        }
    }

    private static void AssertEverySurface(RunHarness harness, RunResult result, string outcome, int exitCode, string label, string? kind)
    {
        // The judgement is what the outcome is
        var judgement = result.Outcome.Report.Judgement;
        Assert.True(exitCode == result.ExitCode, $"{outcome}: exit code {result.ExitCode}, expected {exitCode}; {judgement.Headline}");
        Assert.Equal(label, judgement.Label);
        Assert.Equal(kind, judgement.Cause?.Kind);
        Assert.Equal(exitCode, judgement.ExitCode);

        // And every surface says it
        var said = Said(judgement);
        var dir = result.ExperimentDirectory;
        AssertSays("console", result.Console, said);
        AssertSays("validate_report.txt", File.ReadAllText(Path.Combine(dir, ExperimentDirectory.TextFile)), said);
        var page = WebUtility.HtmlDecode(File.ReadAllText(Path.Combine(dir, ExperimentDirectory.HtmlFile)));
        var banner = page[page.IndexOf("id=\"verdict\"", StringComparison.Ordinal)..];
        AssertSays("the page's banner", banner[..banner.IndexOf("</div>", StringComparison.Ordinal)], said);
        AssertSays("junit.xml", WebUtility.HtmlDecode(File.ReadAllText(Path.Combine(dir, ExperimentDirectory.JUnitFile))), said);
        AssertSays("job summary", MarkdownSummary.Render(result.Outcome).Replace("\\|", "|", StringComparison.Ordinal), said);

        var json = result.Report["judgement"]!;
        Assert.Equal(label, (string?)json["label"]);
        Assert.Equal(exitCode, (int)json["exit_code"]!);
        Assert.Equal(judgement.Headline, (string?)json["headline"]);
        Assert.Equal(judgement.Cause?.Sentence, (string?)json["cause"]);
        Assert.Equal(judgement.Counts?.NMismatch, json["counts"] is JObject counts ? (int?)counts["n_mismatch"] : null);

        var document = result.Report.ToObject<Documents.ValidateReport>(Newtonsoft.Json.JsonSerializer.Create(DocumentJson.Settings))!;
        var metrics = TextExposition.Render(ValidationMetrics.Collect(document));
        Assert.Contains($"label=\"{label}\"", metrics, StringComparison.Ordinal);
        Assert.Contains($"mlnode_validation_exit_code {exitCode}", metrics, StringComparison.Ordinal);

        var row = FleetRows.FromRun(result.Outcome.Report, "node1", harness.Root.Path);
        Assert.Equal(label, row.Label);
        Assert.Equal(exitCode, row.ExitCode);
        Assert.Equal(judgement.Headline, row.Judgement?.Headline);
        Assert.Equal(AddinOutcomes.Verdict(judgement.Verdict.Kind).ToString(), Expected(judgement.Verdict.Kind));
    }

    [Fact]
    public async Task Run_Interrupted_EverySurfaceSaysInterrupted()
    {
        // Given: a run whose measurement window is long, interrupted once generation has started
        await using var harness = await RunHarness.StartAsync();
        harness.WriteReference(TestReferences.Document(count: 128));
        using var interrupt = new CancellationTokenSource();
        var watcher = Task.Run(async () =>
        {
            while (harness.Simulator.Journal.To("POST", "/api/v1/inference/pow/init/generate").Count == 0)
            {
                await Task.Delay(10);
            }

            await interrupt.CancelAsync();
        });

        // When
        var result = await harness.RunAsync(null, interrupt.Token, null, ("measure-seconds", "30"));
        await watcher;

        // Then
        AssertEverySurface(harness, result, "interrupted", ExitCodes.Interrupted, "INTERRUPTED", "interrupted");
    }

    [Fact]
    public async Task Fleet_MixedOutcomes_EveryFleetFileRendersEachPairsOwnJudgement()
    {
        // Given: a pass, a fraud, a failed deploy and a node in use
        await using var harness = await FleetHarness.StartAsync("--fleet=4", "--fleet-fault=2:dishonest:0.5", "--fleet-fault=3:deploy-fails", "--fleet-in-use=4");

        // When
        var (run, console) = await harness.RunAsync();

        // Then: each pair's row carries the judgement its own report holds, and every fleet file says it
        var document = DocumentJson.Deserialize<FleetReportDocument>(await File.ReadAllTextAsync(Path.Combine(run.Directory, FleetFiles.ReportFile)));
        var text = await File.ReadAllTextAsync(Path.Combine(run.Directory, FleetFiles.TextFile));
        var html = WebUtility.HtmlDecode(await File.ReadAllTextAsync(Path.Combine(run.Directory, FleetFiles.HtmlFile)));
        var junit = WebUtility.HtmlDecode(await File.ReadAllTextAsync(Path.Combine(run.Directory, FleetFiles.JUnitFile)));
        Assert.Equal(["FAIL", "ERROR", "REFUSED", "PASS"], run.Result.Rows.Select(r => r.Label));
        foreach (var row in run.Result.Rows)
        {
            var entry = document.Pairs.Single(p => p.NodeId == row.NodeId);
            if (row.ExperimentDirectory is { } folder)
            {
                var own = JObject.Parse(await File.ReadAllTextAsync(Path.Combine(run.Directory, folder, ExperimentDirectory.ReportFile)))["judgement"]!;
                Assert.Equal((string?)own["headline"], entry.Judgement!.Headline);
                Assert.Equal((string?)own["headline"], row.Judgement!.Headline);
            }

            foreach (var (surface, body) in new[] { ("fleet_report.txt", text), ("fleet_report.html", html), ("console", console) })
            {
                Assert.True(body.Contains(row.Label, StringComparison.Ordinal), $"{surface} does not say {row.Label} for {row.NodeId}");
                Assert.True(row.Detail is null || body.Contains(row.Detail[..Math.Min(60, row.Detail.Length)], StringComparison.Ordinal),
                    $"{surface} does not say '{row.Detail}' for {row.NodeId}");
            }
        }

        var fail = run.Result.Rows[0];
        Assert.StartsWith("FAIL — ", fail.Judgement!.Headline, StringComparison.Ordinal);
        Assert.Contains(fail.Judgement.Headline, junit, StringComparison.Ordinal);
        Assert.Contains(fail.Judgement.Cause!.Kind, fail.Detail, StringComparison.Ordinal);
        Assert.Contains("torch.OutOfMemoryError", run.Result.Rows[1].Detail, StringComparison.Ordinal);
        Assert.DoesNotContain("{\"", run.Result.Rows[1].Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CrossCheck_IncompatibleClass_EveryFileRendersEachCellsJudgement()
    {
        // Given: a B200 class that computes 30 % of the nonces far from the others
        await using var fleet = await FleetHarness.StartAsync("--fleet=3", "--fleet-hardware=1:NVIDIA H100", "--fleet-hardware=2:NVIDIA H200", "--fleet-hardware=3:NVIDIA B200:0.3");

        // When
        var (run, _) = await fleet.CrossCheckAsync(("num-nonces", "100"));

        // Then: every cell's judgement is in the JSON, the page's cell and JUnit, in the same words
        var json = JObject.Parse(await File.ReadAllTextAsync(Path.Combine(run.Directory, MlNode.Tasks.CrossCheck.CrossCheckFiles.ReportFile)));
        var html = WebUtility.HtmlDecode(await File.ReadAllTextAsync(Path.Combine(run.Directory, MlNode.Tasks.CrossCheck.CrossCheckFiles.HtmlFile)));
        var junit = WebUtility.HtmlDecode(await File.ReadAllTextAsync(Path.Combine(run.Directory, MlNode.Tasks.CrossCheck.CrossCheckFiles.JUnitFile)));
        var text = await File.ReadAllTextAsync(Path.Combine(run.Directory, MlNode.Tasks.CrossCheck.CrossCheckFiles.TextFile));
        var cells = run.Matrices.Single().Cells;
        Assert.Contains(cells, c => c.Judgement.Verdict == Verdict.Fail);
        foreach (var cell in cells)
        {
            var entry = json["models"]![0]!["cells"]!.Single(c => (string?)c["generator"] == cell.Generator && (string?)c["validator"] == cell.Validator);
            Assert.Equal(cell.Judgement.Headline, (string?)entry["judgement"]!["headline"]);
            Assert.Contains($"title=\"{cell.Judgement.Headline}\"", html, StringComparison.Ordinal);
            if (cell.Judgement.Verdict == Verdict.Fail)
            {
                Assert.Contains(cell.Judgement.Headline, junit, StringComparison.Ordinal);
                Assert.Contains(cell.Judgement.Cause!.Line, text, StringComparison.Ordinal);
                Assert.DoesNotContain("substituted", cell.Judgement.Headline, StringComparison.Ordinal);
            }
        }
    }

    [Fact]
    public void AddinVerdict_EveryVerdictKind_HasAMappingAndErrorOnlyForErrorsAndUnfinishedRuns()
    {
        foreach (var kind in Enum.GetValues<VerdictKind>())
        {
            Assert.Equal(Expected(kind), AddinOutcomes.Verdict(kind).ToString());
        }

        Assert.All(Verdict.All, v => Assert.Equal(v.Kind, Verdict.All.Single(w => w.Label == v.Label).Kind));
    }

    [Fact]
    public void Read_DocumentOfEveryVerdictAndGate_GivesTheSameJudgementBack()
    {
        foreach (var verdict in Verdict.All)
        {
            foreach (var gate in Enum.GetValues<GateOutcome>())
            {
                var judgement = new Judgement(verdict)
                {
                    Counts = new JudgedCounts(3, 32, 0.2, 1e-5, "verified against the node's own vectors"),
                    Cause = new JudgedCause("sparse far", "a subset is far."),
                    NextStep = "re-run",
                    Gate = gate,
                    GateText = gate == GateOutcome.NotAsked ? null : "FAIL (min-throughput: 1.00 n/s vs 2.00 n/s)",
                };

                var back = JudgementDocument.Read(JudgementDocument.Of(judgement));

                Assert.NotNull(back);
                Assert.Equal(judgement.Headline, back.Headline);
                Assert.Equal(judgement.ExitCode, back.ExitCode);
            }
        }
    }

    [Fact]
    public void Read_DocumentWhoseExitCodeDoesNotFollow_IsNotBelieved()
    {
        var document = JObject.FromObject(JudgementDocument.Of(new Judgement(Verdict.Fail)), Newtonsoft.Json.JsonSerializer.Create(DocumentJson.Settings));
        document["exit_code"] = 0;

        var read = JudgementDocument.Read(document.ToObject<Documents.JudgementInfo>(Newtonsoft.Json.JsonSerializer.Create(DocumentJson.Settings)));

        Assert.Null(read);
    }

    [Theory]
    [InlineData(1.0296e-17, "1.0e-17")]
    [InlineData(0.0433, "0.0433")]
    [InlineData(1.0, "1")]
    [InlineData(0.0, "0")]
    [InlineData(5.56774e-37, "5.6e-37")]
    public void Format_PValue_OneWayForEveryReader(double p, string expected) => Assert.Equal(expected, PValueText.Format(p));

    private static string Expected(VerdictKind kind) => kind switch
    {
        VerdictKind.Incomplete => nameof(MlNodeVerdict.Error),
        _ => kind.ToString(),
    };

    // What every surface must carry: the label, and the counts and the cause sentence when there are any.
    private static List<string> Said(Judgement judgement)
    {
        var said = new List<string> { judgement.Label };
        if (judgement.Counts is { } counts)
        {
            said.Add(counts.Line);
        }

        if (judgement.Cause is { } cause)
        {
            said.Add(cause.Sentence.Length > 120 ? cause.Sentence[..120] : cause.Sentence);
        }

        return said;
    }

    private static void AssertSays(string surface, string text, IEnumerable<string> said)
    {
        foreach (var part in said)
        {
            Assert.True(text.Contains(part, StringComparison.Ordinal), $"{surface} does not say '{part}':\n{text}");
        }
    }
}
