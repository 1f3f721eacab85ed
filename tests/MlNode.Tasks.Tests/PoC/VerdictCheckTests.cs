using MlNode.Tasks.PoC;
using MlNode.Tasks.Verification;

namespace MlNode.Tasks.Tests.PoC;

public sealed class VerdictCheckTests
{
    private static readonly StatTestParameters Consensus = new(0.2, 0.001, 0.01);

    [Theory]
    [InlineData(2, null)]
    [InlineData(3, null)]
    [InlineData(4, null)]
    [InlineData(5, "it reported 5/6 mismatches, its vectors are 3/6 beyond 0.2")]
    [InlineData(1, "it reported 1/6 mismatches, its vectors are 3/6 beyond 0.2")]
    public void Contradiction_CountsAgainstDistancesNearAndFarFromTheThreshold_OnlyTheBorderMayGoEitherWay(int reported, string? expected)
    {
        // Given: two nonces clearly beyond 0.2, one just beyond (within the 0.01 margin), one just within, two far within
        var local = LocalJudgement.Of([new(0, 0.9), new(1, 0.5), new(2, 0.205), new(3, 0.199), new(4, 0.01), new(5, 0)], Consensus);

        // When / Then: 2 to 4 agree (the two border nonces may fall either way on a recomputation), 1 and 5 do not
        var contradiction = VerdictCheck.Contradiction(local, reported, null);
        if (expected is null)
        {
            Assert.Null(contradiction);
        }
        else
        {
            Assert.Equal(expected, contradiction);
        }
    }

    [Fact]
    public void Contradiction_ListLeavingOutAFarNonceOrNamingANearZeroOne_IsNamed()
    {
        var local = LocalJudgement.Of([new(0, 0.9), new(1, 0.5), new(2, 0.01)], Consensus);

        var contradiction = VerdictCheck.Contradiction(local, 2, [1, 2]);

        Assert.Equal("its list leaves out nonces its vectors put beyond the threshold (0); its list names nonces its vectors put within the threshold (2)", contradiction);
    }

    [Fact]
    public void Contradiction_NonFiniteVector_CountsAsBeyond()
    {
        var local = LocalJudgement.Of([new(0, double.NaN), new(1, 0)], Consensus);

        Assert.Equal(1, local.NMismatch);
        Assert.NotNull(VerdictCheck.Contradiction(local, 0, []));
    }

    [Theory]
    [InlineData(0.2, 0.01)]
    [InlineData(0.44, 0.022)]
    [InlineData(0.02, 0.005)]
    public void Margin_FivePercentOfTheThresholdAtLeastAFiveThousandth(double threshold, double margin) =>
        Assert.Equal(margin, VerdictCheck.Margin(threshold), 9);
}
