using MlNode.Tasks.Common;
using MlNode.Tasks.References;
using MlNode.Tasks.Tests.Support;

namespace MlNode.Tasks.Tests.References;

public sealed class ReferenceCatalogTests : IDisposable
{
    private readonly TempDirectory _root = new();

    [Fact]
    public void Locate_SameFileInTwoFolders_TheFirstFolderWins()
    {
        var first = TestReferences.Write(_root.Combine("references"), TestReferences.Document());
        TestReferences.Write(_root.Combine("extra"), TestReferences.Document());
        var catalog = ReferenceCatalog.FromSearchPath("references; extra", _root.Path);

        Assert.Equal(first, catalog.Locate(ModelId.Parse(TestReferences.Model)));
    }

    [Fact]
    public void Missing_ListsModelExpectedFileAvailableAndTheBakeCommand()
    {
        TestReferences.Write(_root.Combine("references"), TestReferences.Document());
        var catalog = ReferenceCatalog.FromSearchPath("references", _root.Path);

        var error = catalog.Missing(ModelId.Parse("Qwen/Qwen3-0.6B"), _root.Path);

        Assert.Contains("no golden reference for model 'Qwen/Qwen3-0.6B'", error.Message);
        Assert.Contains("expected file:   references/qwen-qwen3-0.6b.json", error.Detail);
        Assert.Contains("for this model:  (none)", error.Detail);
        Assert.Contains("other models':   references/testorg-tiny-poc-1b.json (a reference validates only its own model)", error.Detail);
        Assert.Contains("./build.sh --target=BakeReference --mlnode-url=<trusted-mlnode-url> --model=Qwen/Qwen3-0.6B --num-nonces=32 --out=references/qwen-qwen3-0.6b.json", error.Detail);
        // Another model's file would be refused: it is never suggested as --reference
        Assert.DoesNotContain("--reference=<file>", error.Detail);
    }

    [Fact]
    public void Missing_AVariantOfTheModelUnderAnotherName_IsTheOneOffered()
    {
        // Given: no default file for the model, but a variant of it (another file name, the same model)
        TestReferences.Write(_root.Combine("references"), TestReferences.Document(), "testorg-tiny-poc-1b-h100-tp8.json");
        TestReferences.Write(_root.Combine("references"), TestReferences.Document(model: "TestOrg/Other-PoC-1B"));
        var catalog = ReferenceCatalog.FromSearchPath("references", _root.Path);

        // When
        var error = catalog.Missing(ModelId.Parse(TestReferences.Model), _root.Path);

        // Then
        Assert.Contains("for this model:  references/testorg-tiny-poc-1b-h100-tp8.json", error.Detail);
        Assert.Contains("Choose one of this model's references with --reference=<file>", error.Detail);
        Assert.Contains("other models':   references/testorg-other-poc-1b.json", error.Detail);
    }

    [Fact]
    public void FromSearchPath_Empty_IsRefused()
    {
        Assert.Throws<InputException>(() => ReferenceCatalog.FromSearchPath(" ; ", _root.Path));
    }

    public void Dispose() => _root.Dispose();
}
