using MlNode.Tasks.PoC;
using MlNode.Tasks.References;
using MlNode.Tasks.Tests.Support;

namespace MlNode.Tasks.Tests.References;

public sealed class ReferenceCheckerTests : IDisposable
{
    private readonly TempDirectory _root = new();

    [Fact]
    public void Check_RealReferences_AllPass()
    {
        var directory = TestReferences.RealReferencesDirectory();
        Assert.SkipWhen(directory is null, "../shared/fixtures/real-references is not present on this machine");

        var checks = ReferenceChecker.Check(new ReferenceCatalog([directory!]));

        Assert.Equal(Directory.GetFiles(directory!, "*.json").Length, checks.Count);
        Assert.All(checks, c => Assert.True(c.Ok, string.Join("; ", c.Problems)));
    }

    [Fact]
    public void Check_EachDefectClass_IsFlaggedOnTheRightFile()
    {
        var references = _root.Combine("references");
        var good = TestReferences.Write(references, TestReferences.Document());
        var variant = TestReferences.Write(references, TestReferences.Document(), "testorg-tiny-poc-1b-deepgemm.json");
        var schema = TestReferences.Document(model: "TestOrg/Broken");
        schema.Remove("k_dim");
        var badSchema = TestReferences.Write(references, schema);
        var offUnit = TestReferences.Document(model: "TestOrg/Scaled");
        offUnit["artifacts"]![0]!["vector_b64"] = Float16Vector.Encode([0.5f, 0.5f, 0.5f, 0.5f, 0.5f, 0.5f, 0, 0, 0, 0, 0, 0]);
        var badNorm = TestReferences.Write(references, offUnit);
        var misnamed = TestReferences.Write(references, TestReferences.Document(model: "TestOrg/Other"), "something-else.json");
        var shadowed = TestReferences.Write(_root.Combine("extra"), TestReferences.Document());

        var checks = ReferenceChecker.Check(ReferenceCatalog.FromSearchPath("references;extra", _root.Path)).ToDictionary(c => c.Path);

        Assert.True(checks[good].Ok);
        Assert.True(checks[variant].Ok);
        Assert.Contains(checks[badSchema].Problems, p => p.Contains("k_dim: required field is missing"));
        Assert.Contains(checks[badNorm].Problems, p => p.Contains("(nonce 0): L2 norm 1.2247 is not 1"));
        Assert.Contains(checks[misnamed].Problems, p => p.Contains("file name does not match its model 'TestOrg/Other': expected testorg-other.json"));
        Assert.Contains(checks[shadowed].Problems, p => p.Contains("claims the default name for TestOrg/Tiny-PoC-1B"));
    }

    [Fact]
    public void Render_ListsEveryFileWithModelVectorsAndVerdict()
    {
        TestReferences.Write(_root.Combine("references"), TestReferences.Document(pMismatch: 0.1, fraudThreshold: 0.05));
        var checks = ReferenceChecker.Check(ReferenceCatalog.FromSearchPath("references", _root.Path));

        var table = ReferenceChecker.Render(checks, _root.Path);

        Assert.Contains("file", table);
        Assert.Contains("references/testorg-tiny-poc-1b.json  TestOrg/Tiny-PoC-1B", table);
        Assert.Contains("0.2/0.1/0.05", table);
        Assert.Contains("ok", table);
    }

    public void Dispose() => _root.Dispose();
}
