using MlNode.Tasks.PoC;

namespace MlNode.Tasks.Tests.PoC;

public sealed class StatTestParametersTests
{
    private static readonly StatTestParameters Consensus = new(0.2, 0.001, 0.01);

    [Fact]
    public void IsMismatch_DistanceEqualToThreshold_IsNotAMismatch()
    {
        Assert.False(Consensus.IsMismatch(0.2));
        Assert.True(Consensus.IsMismatch(0.2000001));
        Assert.False(Consensus.IsMismatch(0.0));
    }

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void IsMismatch_NonFiniteDistance_IsAMismatch(double distance)
    {
        Assert.True(Consensus.IsMismatch(distance));
    }

    [Fact]
    public void Evaluate_NoNonces_IsPValueOneAndNoFraud()
    {
        Assert.Equal(new FraudTestOutcome(1.0, false), Consensus.Evaluate(0, 0));
    }

    [Fact]
    public void Evaluate_OneOf32_IsToleratedTwoOf32_IsFraud()
    {
        Assert.False(Consensus.Evaluate(1, 32).FraudDetected);
        Assert.True(Consensus.Evaluate(2, 32).FraudDetected);
    }

    [Fact]
    public void Evaluate_PValueEqualToThreshold_IsNotFraud()
    {
        var exact = BinomialTail.UpperTail(1, 32, 0.001);
        var test = new StatTestParameters(0.2, 0.001, exact);

        Assert.False(test.Evaluate(1, 32).FraudDetected);
    }

    [Fact]
    public void Evaluate_ZeroMismatchProbability_AnyMismatchIsFraud()
    {
        var outcome = new StatTestParameters(0.2, 0.0, 0.01).Evaluate(1, 1000);

        Assert.Equal(0.0, outcome.PValue);
        Assert.True(outcome.FraudDetected);
    }

    [Fact]
    public void ServerDefaults_AreTheNodesStatTestModelDefaults()
    {
        Assert.Equal(new StatTestParameters(0.02, 0.001, 0.01), StatTestParameters.ServerDefaults);
    }
}
