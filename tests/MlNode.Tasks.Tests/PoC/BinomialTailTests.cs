using MlNode.Tasks.PoC;

namespace MlNode.Tasks.Tests.PoC;

public sealed class BinomialTailTests
{
    // Exact values (rational arithmetic) for the one-sided "greater" binomial test.
    [Theory]
    [InlineData(1, 32, 0.001, 0.03150892424047316)]
    [InlineData(2, 32, 0.001, 0.00048618707900683825)]
    [InlineData(10, 2000, 0.001, 4.583307274236919e-05)]
    [InlineData(3, 100, 0.1, 0.99805511534812)]
    [InlineData(40, 1000, 0.01, 4.688553566249803e-13)]
    [InlineData(5, 64, 0.1, 0.7795310958395482)]
    [InlineData(150, 100_000, 0.001, 1.860406210128354e-06)]
    [InlineData(120, 100_000, 0.001, 2.816700585085321e-02)]
    public void UpperTail_KnownValues_MatchToTwelveDigits(int k, int n, double p, double expected)
    {
        var actual = BinomialTail.UpperTail(k, n, p);

        Assert.InRange(Math.Abs(actual - expected) / expected, 0, 1e-9);
    }

    [Fact]
    public void UpperTail_TinyPValueAtLargeN_IsNeitherZeroNorOverflowed()
    {
        var actual = BinomialTail.UpperTail(300, 100_000, 0.001);

        Assert.InRange(Math.Abs(actual - 1.489304388152859e-58) / 1.489304388152859e-58, 0, 1e-8);
    }

    [Theory]
    [InlineData(0, 32, 0.001, 1.0)]
    [InlineData(0, 0, 0.5, 1.0)]
    [InlineData(3, 32, 0.0, 0.0)]
    [InlineData(33, 32, 0.5, 0.0)]
    [InlineData(5, 32, 1.0, 1.0)]
    public void UpperTail_EdgeCases_FollowTheDefinition(int k, int n, double p, double expected)
    {
        Assert.Equal(expected, BinomialTail.UpperTail(k, n, p));
    }

    [Fact]
    public void UpperTail_ConsecutiveTails_DifferByThePointProbability()
    {
        // P(X >= 3) - P(X >= 4) = C(50,3) p^3 (1-p)^47
        const double p = 0.03;
        var pmf = 19600 * Math.Pow(p, 3) * Math.Pow(1 - p, 47);

        var difference = BinomialTail.UpperTail(3, 50, p) - BinomialTail.UpperTail(4, 50, p);

        Assert.InRange(Math.Abs(difference - pmf) / pmf, 0, 1e-10);
    }

    [Fact]
    public void UpperTail_IsNonIncreasingInK()
    {
        var previous = 1.0;
        for (var k = 0; k <= 200; k++)
        {
            var value = BinomialTail.UpperTail(k, 2000, 0.01);
            Assert.True(value <= previous, $"P(X >= {k}) = {value} rose above {previous}");
            previous = value;
        }
    }

    [Theory]
    [InlineData(-1, 10, 0.5)]
    [InlineData(1, -1, 0.5)]
    [InlineData(1, 10, 1.5)]
    [InlineData(1, 10, double.NaN)]
    public void UpperTail_InvalidArguments_Throw(int k, int n, double p)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => BinomialTail.UpperTail(k, n, p));
    }
}
