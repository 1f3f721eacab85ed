namespace MlNode.Tasks.Judging;

/// <summary>A judgement as indented text lines: the console's phase result, the summary and JUnit's detail say it this way.</summary>
internal static class JudgementLines
{
    /// <summary>"why: ..." and "next: ..." lines under a verdict line, each indented by <paramref name="indent"/>.</summary>
    public static IEnumerable<string> Reasons(Judgement judgement, string indent)
    {
        ArgumentNullException.ThrowIfNull(judgement);
        if (judgement.Because is { } because)
        {
            yield return $"{indent}why: {because}";
        }

        if (judgement.NextStep is { } next)
        {
            yield return $"{indent}next: {next}";
        }
    }
}
