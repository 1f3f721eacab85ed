using System.Net;
using MlNode.Tasks.Addin;
using MlNode.Tasks.Ci;
using MlNode.Tasks.Common;
using MlNode.Tasks.Fleet;
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
        { "contradiction of the node's word", ["dishonest:0.5", "lying-validator"], [], ExitCodes.Error, "ERROR", "validate failed" },
        { "incoherent reply", ["incoherent"], [], ExitCodes.Error, "ERROR", "validate failed" },
        { "deploy error", ["deploy-fails"], [], ExitCodes.Error, "ERROR", "deploy failed" },
        { "failed gate", [], ["min-throughput=100000"], ExitCodes.Gate, "PASS, gate FAILED", "gate" },
    };

    [Theory]
    [MemberData(nameof(Outcomes))]
    public async Task Run_EachOutcome_EverySurfaceSaysTheSameLabelCountsAndCause(string outcome, string[] faults, string[] arguments, int exitCode, string label, string? kind)
    {
        // Given: a node made to end in this outcome, on 128 nonces so a pattern has room to show
        await using var harness = await RunHarness.StartAsync(RunHarness.With(faults));
        harness.WriteReference(TestReferences.Document(count: 128));

        // When
        var result = await harness.RunAsync([.. arguments.Select(a => (a.Split('=')[0], a.Split('=')[1]))]);

        // Then: the judgement is what the outcome is
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
        AssertSays("validate_report.html", WebUtility.HtmlDecode(File.ReadAllText(Path.Combine(dir, ExperimentDirectory.HtmlFile))), said);
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
