using System.Text.RegularExpressions;
using MlNode.Tasks.Tests.Support;

namespace MlNode.Tasks.Tests.Architecture;

/// <summary>
/// A verdict and an exit code are decided in one place: the judgement code. Everything else renders a judgement. A
/// decision is recognised in the source as code that produces a verdict or a non-trivial exit code: a call to
/// <c>Verdict.Judged</c> or <c>Verdict.FromText</c>, a verdict (<c>Verdict.Fail</c>, ...) or <c>ExitCodes.Fraud</c> /
/// <c>ExitCodes.Gate</c> on the right of <c>=&gt;</c>, <c>?</c>, <c>:</c> or an assignment. A comparison
/// (<c>== Verdict.Fail</c>) reads a decision and is allowed; so is a switch arm that turns a code into words
/// (<c>ExitCodes.Gate =&gt; "..."</c>).
/// </summary>
public sealed partial class JudgementTests
{
    // The judgement code: the verdict and exit-code vocabulary, the judgement, and the two judges.
    private static readonly string[] JudgementCode =
    [
        "src/MlNode.Tasks/Common/Verdict.cs",
        "src/MlNode.Tasks/Common/ExitCodes.cs",
        "src/MlNode.Tasks/Common/FraudDetectedException.cs",
        "src/MlNode.Tasks/Judging/",
        "src/MlNode.Tasks/Reports/RunJudge.cs",
        "src/MlNode.Tasks/CrossCheck/CrossCellJudge.cs",
    ];

    [Fact]
    public void SourceFiles_VerdictOrExitCodeDecided_OnlyInTheJudgementCode()
    {
        // Given: every C# file the project ships, but the judgement code
        var root = RepositoryPaths.Root;
        var files = Directory.EnumerateFiles(Path.Combine(root, "src", "MlNode.Tasks"), "*.cs", SearchOption.AllDirectories)
            .Select(f => (Full: f, Relative: Path.GetRelativePath(root, f).Replace('\\', '/')))
            .Where(f => !f.Relative.Contains("/obj/", StringComparison.Ordinal))
            .ToList();

        // When: each line is searched for a decision
        var decisions = files
            .Where(f => !JudgementCode.Any(allowed => f.Relative.StartsWith(allowed, StringComparison.Ordinal)))
            .SelectMany(f => File.ReadLines(f.Full).Select((line, i) => (f.Relative, Line: i + 1, Text: line)))
            .Where(l => Decision().IsMatch(l.Text))
            .Select(l => $"{l.Relative}:{l.Line}: {l.Text.Trim()}")
            .ToList();

        // Then
        Assert.True(files.Count > 100, "the source files were not found");
        Assert.True(decisions.Count == 0, "a verdict or exit code decided outside the judgement code:\n" + string.Join("\n", decisions));
    }

    [Fact]
    public void Decision_Patterns_RecogniseDecisionsAndLeaveReadsAlone()
    {
        Assert.Matches(Decision(), "var v = fraud ? Verdict.Fail : Verdict.Pass;");
        Assert.Matches(Decision(), "FleetStatus.Fail => ExitCodes.Fraud,");
        Assert.Matches(Decision(), "code = ExitCodes.Gate;");
        Assert.Matches(Decision(), "Verdict.Judged(fraud, mismatches)");
        Assert.Matches(Decision(), "Verdict.FromText(report.Verdict)");
        Assert.DoesNotMatch(Decision(), "if (judgement.Verdict == Verdict.Fail)");
        Assert.DoesNotMatch(Decision(), "ExitCodes.Gate => \"every pair passed, but a throughput gate failed\",");
    }

    [GeneratedRegex(@"Verdict\.(Judged|FromText)\(|(=>|\?|:|[^=!<>]=)\s*(Verdict\.(Pass|PassWithMismatches|Fail|Skipped|Error|Interrupted|Incomplete)\b|ExitCodes\.(Fraud|Gate)\b)")]
    private static partial Regex Decision();
}
