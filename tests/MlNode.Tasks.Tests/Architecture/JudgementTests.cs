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

    /// <summary>
    /// A catch site that turns an exception into an outcome (a fleet row, a CrossCheck cell, failed vectors, a report's
    /// error) reads the exception through <c>Failure.Of</c>, the one classifier, never its Message or ExitCode itself.
    /// An outcome is recognised by the constructors that make one (<c>NotRun(</c>, <c>NotJudged(</c>,
    /// <c>GeneratedVectors.Failed(</c>) or an assignment to <c>Error</c>.
    /// </summary>
    [Fact]
    public void SourceFiles_CatchSiteMakingAnOutcome_ClassifiesThroughFailureOf()
    {
        var root = RepositoryPaths.Root;
        var offenders = new List<string>();
        var files = Directory.EnumerateFiles(Path.Combine(root, "src", "MlNode.Tasks"), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .ToList();
        foreach (var file in files)
        {
            var lines = File.ReadAllLines(file);
            for (var i = 0; i < lines.Length; i++)
            {
                if (Catch().Match(lines[i]) is not { Success: true } match)
                {
                    continue;
                }

                var body = Block(lines, i);
                var variable = match.Groups["name"].Value;
                var makesOutcome = Outcome().IsMatch(body);
                var readsItself = body.Contains(variable + ".Message", StringComparison.Ordinal) || body.Contains(variable + ".ExitCode", StringComparison.Ordinal);
                if (makesOutcome && readsItself)
                {
                    offenders.Add($"{Path.GetRelativePath(root, file)}:{i + 1}: {lines[i].Trim()}");
                }
            }
        }

        Assert.True(files.Count > 100, "the source files were not found");
        Assert.True(offenders.Count == 0, "a catch site classifies an exception by itself (use Failure.Of):\n" + string.Join("\n", offenders));
    }

    // The catch clause's block: from the line after the clause to the brace that closes it at the clause's indentation.
    private static string Block(string[] lines, int clause)
    {
        var indent = lines[clause].Length - lines[clause].TrimStart().Length;
        var body = new List<string>();
        for (var j = clause + 1; j < lines.Length; j++)
        {
            body.Add(lines[j]);
            if (lines[j].Trim() == "}" && lines[j].Length - lines[j].TrimStart().Length == indent)
            {
                break;
            }
        }

        return string.Join('\n', body);
    }

    [GeneratedRegex(@"catch \([\w.]+ (?<name>\w+)\)")]
    private static partial Regex Catch();

    [GeneratedRegex(@"NotRun\(|NotJudged\(|GeneratedVectors\.Failed\(|\bError\s*(\?\?)?=[^=>]")]
    private static partial Regex Outcome();

    [GeneratedRegex(@"Verdict\.(Judged|FromText)\(|(=>|\?|:|[^=!<>]=)\s*(Verdict\.(Pass|PassWithMismatches|Fail|Skipped|Error|Interrupted|Incomplete)\b|ExitCodes\.(Fraud|Gate)\b)")]
    private static partial Regex Decision();
}
