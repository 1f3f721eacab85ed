using MlNode.Tasks.Common;
using MlNode.Tasks.References;
using MlNode.Tasks.Tests.Support;

namespace MlNode.Tasks.Tests.References;

/// <summary>The runner takes a reference's artifacts from the file its settings' header was read from, and only that file.</summary>
public sealed class ReferenceCacheTests : IDisposable
{
    private readonly TempDirectory _root = new();

    [Fact]
    public void Load_HeaderReadThroughTheSameCache_SameArtifactsWithoutASecondRead()
    {
        // Given a reference whose header a resolver took through the cache
        var cache = new ReferenceCache();
        var path = TestReferences.Write(_root.Path, TestReferences.Document(count: 8));
        var header = cache.Load(path).Header;

        // When the file is then replaced and the runner asks for the header's artifacts
        TestReferences.Write(_root.Path, TestReferences.Document(count: 4));
        var loaded = cache.Load(header);

        // Then it gets what the header was read with: one read per invocation, so the header and the vectors agree
        Assert.Same(header, loaded.Header);
        Assert.Equal(8, loaded.Vectors.Count);
    }

    [Fact]
    public void Load_FileRewrittenAfterAnotherReaderTookItsHeader_IsAnInputErrorNamingBothHashes()
    {
        // Given a header read without the runner's cache
        var path = TestReferences.Write(_root.Path, TestReferences.Document(count: 8));
        var header = ReferenceReader.Load(path).Header;

        // When the file changes before the runner loads it
        TestReferences.Write(_root.Path, TestReferences.Document(count: 4));
        var error = Assert.Throws<InputException>(() => new ReferenceCache().Load(header));

        // Then it is refused, naming the hash the settings pinned and the file's hash now
        Assert.Contains("changed after the run's inputs were checked", error.Message);
        Assert.Contains(header.Sha256!, error.Message);
        Assert.Contains(ReferenceReader.Load(path).Header.Sha256!, error.Message);
    }

    [Fact]
    public void Load_FileUnchanged_ArtifactsOfTheSameBytes()
    {
        var path = TestReferences.Write(_root.Path, TestReferences.Document(count: 8));
        var header = ReferenceReader.Load(path).Header;

        var loaded = new ReferenceCache().Load(header);

        Assert.Equal((header.Sha256, header.Count), (loaded.Header.Sha256, loaded.Header.Count));
        Assert.Equal(8, loaded.Vectors.Count);
    }

    public void Dispose() => _root.Dispose();
}
