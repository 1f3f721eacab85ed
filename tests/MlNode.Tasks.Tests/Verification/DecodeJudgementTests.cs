using MlNode.Tasks.Client.Wire;
using MlNode.Tasks.PoC;
using MlNode.Tasks.Verification;

namespace MlNode.Tasks.Tests.Verification;

/// <summary>What a decode reply's scores cannot be: the plugin's own limits, checked before any verdict is believed.</summary>
public sealed class DecodeJudgementTests
{
    private static readonly StatTestParameters StatTest = new(0.025, 0.002, 0.01);

    private static readonly long[] Sent = [.. Enumerable.Range(0, 40).Select(n => (long)n)];

    [Theory]
    [InlineData(4, false)]
    [InlineData(5, true)]
    [InlineData(39, true)]
    [InlineData(40, true)]
    public void Problems_ExclusionsPastMaxOfOneAndTenPercent_AreAProblemNotAVerdict(int excluded, bool problem)
    {
        // Given: 40 nonces sent, the first ones excluded, the rest scored clean
        var judgement = DecodeJudgement.Of([.. Sent.Skip(excluded).Select(n => Score(n, steps: 16))], [.. Sent.Take(excluded)], StatTest);

        // When
        var problems = judgement.Problems(Sent);

        // Then
        Assert.Equal(problem, problems.Any(p => p.Contains($"it excluded {excluded} of 40 nonces", StringComparison.Ordinal)));
    }

    [Fact]
    public void Problems_ScoresOfNoStepAtAll_AreImpossible()
    {
        var judgement = DecodeJudgement.Of([.. Sent.Select(n => Score(n, steps: 0))], [], StatTest);

        var problems = judgement.Problems(Sent);

        Assert.Contains(problems, p => p.Contains("n_steps=0", StringComparison.Ordinal) && p.Contains("impossible", StringComparison.Ordinal));
    }

    private static PerNonceWire Score(long nonce, int steps) => new() { Nonce = nonce, NSphereMismatches = 0, NSteps = steps, MismatchMarginMax = 0, Mismatch = false };
}
