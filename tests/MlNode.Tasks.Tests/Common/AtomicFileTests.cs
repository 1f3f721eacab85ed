using MlNode.Tasks.Common;
using MlNode.Tasks.Tests.Support;

namespace MlNode.Tasks.Tests.Common;

public sealed class AtomicFileTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    [Fact]
    public void WriteAllText_ExistingFile_IsReplacedAndNoTemporaryFileRemains()
    {
        var path = _dir.Combine("report.json");
        File.WriteAllText(path, "old");

        AtomicFile.WriteAllText(path, "new");

        Assert.Equal("new", File.ReadAllText(path));
        Assert.Equal(["report.json"], Directory.GetFiles(_dir.Path).Select(Path.GetFileName));
    }

    [Fact]
    public void WriteAllText_MissingFolder_IsCreated()
    {
        var path = _dir.Combine("a", "b", "file.txt");

        AtomicFile.WriteAllText(path, "content");

        Assert.Equal("content", File.ReadAllText(path));
    }

    [Fact]
    public void CreateNew_ExistingFile_ThrowsAndKeepsTheOldContent()
    {
        var path = _dir.Combine("golden.json");
        File.WriteAllText(path, "golden");

        Assert.ThrowsAny<IOException>(() => AtomicFile.CreateNew(path, "replacement"));

        Assert.Equal("golden", File.ReadAllText(path));
        Assert.Single(Directory.GetFiles(_dir.Path));
    }

    [Fact]
    public async Task WriteAllText_ConcurrentWriters_ReaderAlwaysSeesAWholeDocument()
    {
        var path = _dir.Combine("live.json");
        AtomicFile.WriteAllText(path, new string('a', 100_000));
        var torn = 0;
        using var stop = new CancellationTokenSource();
        var reader = Task.Run(() =>
        {
            while (!stop.IsCancellationRequested)
            {
                var text = File.ReadAllText(path);
                if (text.Length != 100_000 || text.Distinct().Count() != 1)
                {
                    Interlocked.Increment(ref torn);
                }
            }
        });

        for (var i = 0; i < 200; i++)
        {
            AtomicFile.WriteAllText(path, new string((char)('a' + (i % 26)), 100_000));
        }

        await stop.CancelAsync();
        await reader;
        Assert.Equal(0, torn);
    }

    [Fact]
    public void WriteAllText_TemporaryFilesLeftByAKilledWriter_AreRemovedAndALiveWritersKept()
    {
        // Given: a temporary file of a writer that is gone (kill -9 mid-write), and one of this live process.
        var path = _dir.Combine("validate_report.json");
        var abandoned = _dir.Combine($".validate_report.json.{Reports.ExperimentDirectoryTests.ExitedProcessId()}.{Guid.NewGuid():N}.tmp");
        var live = _dir.Combine($".validate_report.json.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp");
        File.WriteAllText(abandoned, "{\"half");
        File.WriteAllText(live, "{\"in progress");

        // When
        AtomicFile.WriteAllText(path, "{}");

        // Then
        Assert.False(File.Exists(abandoned));
        Assert.True(File.Exists(live));
        Assert.Equal("{}", File.ReadAllText(path));
    }

    public void Dispose() => _dir.Dispose();
}
