using MlNode.Tasks.PoC;
using MlNode.Tasks.References;
using MlNode.Tasks.Tests.Support;
using MlNode.Tasks.Verification;

namespace MlNode.Tasks.Tests.PoC;

public sealed class MismatchAnatomyTests
{
    [Fact]
    public void Of_GonkasTwoGlmRecordings_NameTheStrideOf16AndItsSixtyThreeNonces()
    {
        // Given: gonka's default GLM-5.3-Flash recording and its H100 TP=8 variant, under their own stat test
        var (glm, h100) = TestReferences.RealGlmPair();
        var a = ReferenceReader.Load(glm);
        var b = ReferenceReader.Load(h100);

        // When
        var local = LocalJudgement.Of(a.Vectors, b.Vectors, new StatTestParameters(0.44, 0.1, 0.05));
        var anatomy = MismatchAnatomy.Of(new AnatomyInput(a.Vectors.Select(v => v.Nonce).ToList(), local.MismatchNonces, 0.44, local.Distances, null, b.Header.CollectionBatchSize))!;

        // Then: 117 of 1000 beyond, p 0.0433 (fraud under 0.05), and the stride explains 63 of them
        Assert.Equal(117, local.NMismatch);
        Assert.Equal(0.0433, local.Outcome.PValue, 4);
        Assert.Equal(MismatchAnatomy.BatchStrideKind, anatomy.Kind);
        Assert.Equal((16, 0, 63, 54, 937), (anatomy.Stride!.Batch, anatomy.Stride.Residue, anatomy.Stride.OnStride, anatomy.Stride.Rest, anatomy.Stride.RestNonces));
        Assert.StartsWith("63 of 117 mismatches are the first nonce of a batch of 16", anatomy.Stride.Line);
        Assert.Contains("without them 54 of 937 (5.8 %)", anatomy.Stride.Line);
        Assert.Contains("gonka-poc 0.1.6", anatomy.Cause);
    }

    [Theory]
    [InlineData("0.1.5", "this node reports gonka-poc 0.1.5, which has it: upgrade the node")]
    [InlineData("0.1.6", "this node reports gonka-poc 0.1.6, which is fixed: the reference was likely recorded on a node with the defect")]
    [InlineData("0.2.0rc1", "this node reports gonka-poc 0.2.0rc1, which is fixed")]
    [InlineData(null, "on the node or on the node that recorded the reference")]
    public void Of_FirstInBatchStride_TheNodesPocPluginVersionSaysWhichSideHasTheDefect(string? version, string expected)
    {
        // Given: every 16th nonce off, on a node that reported this PoC plugin version (or none)
        var compared = Enumerable.Range(0, 320).Select(n => (long)n).ToList();
        var mismatches = compared.Where(n => n % 16 == 0).ToList();

        // When
        var anatomy = MismatchAnatomy.Of(new AnatomyInput(compared, mismatches, 0.2, null, 16, null, PocPluginVersion: version))!;

        // Then
        Assert.Equal(MismatchAnatomy.BatchStrideKind, anatomy.Kind);
        Assert.Contains(expected, anatomy.Cause);
    }

    [Fact]
    public void Of_MismatchesScatteredByChance_NoStrideIsClaimed()
    {
        var random = new Random(7);
        var compared = Enumerable.Range(0, 1000).Select(n => (long)n).ToList();
        var mismatches = compared.Where(_ => random.NextDouble() < 0.06).ToList();

        var anatomy = MismatchAnatomy.Of(new AnatomyInput(compared, mismatches, 0.2, null, 64, null))!;

        Assert.Null(anatomy.Stride);
        Assert.Equal(MismatchAnatomy.Scattered, anatomy.Kind);
    }

    [Fact]
    public void Of_NoMismatches_IsNull() =>
        Assert.Null(MismatchAnatomy.Of(new AnatomyInput([0, 1, 2], [], 0.2, null, null, null)));
}
