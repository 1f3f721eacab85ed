using MlNode.Tasks.Fleet;

namespace MlNode.Tasks.Tests.Fleet;

/// <summary>Every pair of a fleet gets a folder of its own, whatever its node id holds.</summary>
public sealed class FleetPairFolderTests
{
    [Theory]
    [InlineData("a/b", "a_b")]
    [InlineData("..", ".")]
    [InlineData("node 1", "node_1")]
    [InlineData("Node1", "node1")]
    public void FolderNameOf_DistinctIdsThatReduceAlike_NeverShareAFolder(string first, string second)
    {
        Assert.NotEqual(FleetPair.FolderNameOf(first, "Org/Model"), FleetPair.FolderNameOf(second, "Org/Model"));
    }

    [Fact]
    public void FolderNameOf_SafeShortId_IsTheIdItself()
    {
        Assert.Equal("node1__org-model", FleetPair.FolderNameOf("node1", "Org/Model"));
    }

    [Fact]
    public void FolderNameOf_IdOfThreeHundredCharacters_FitsAFileNameAndStaysDistinct()
    {
        var a = FleetPair.FolderNameOf(new string('x', 300), "Org/Model");
        var b = FleetPair.FolderNameOf(new string('x', 299) + "y", "Org/Model");

        Assert.True(a.Length < 120, $"{a.Length} characters");
        Assert.NotEqual(a, b);
    }
}
