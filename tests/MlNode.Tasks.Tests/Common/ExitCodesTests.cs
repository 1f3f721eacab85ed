using MlNode.Tasks.Common;

namespace MlNode.Tasks.Tests.Common;

public sealed class ExitCodesTests
{
    [Theory]
    [InlineData(new[] { 0, 0 }, 0)]
    [InlineData(new[] { 0, 2 }, 2)]
    [InlineData(new[] { 2, 1, 0 }, 2)]
    [InlineData(new[] { 1, 2 }, 2)]
    [InlineData(new[] { 9, 3 }, 1)]
    [InlineData(new[] { 1, 130, 2 }, 130)]
    [InlineData(new[] { 0, 3 }, 3)]
    [InlineData(new[] { 3, 2 }, 2)]
    [InlineData(new[] { 3, 1 }, 1)]
    public void Worst_SeveralRuns_PicksWhatAPipelineMustActOn(int[] codes, int expected)
    {
        Assert.Equal(expected, ExitCodes.Worst(codes));
    }
}
