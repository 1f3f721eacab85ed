namespace MlNode.Tasks.Tests.Support;

/// <summary>
/// A fresh folder under the system temp directory, deleted when disposed. Before it goes, every JUnit file and every
/// report a test made the tool write into it is checked against its schemas, so no written file escapes that check.
/// </summary>
internal sealed class TempDirectory : IDisposable
{
    public TempDirectory()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "mlnode-tasks-tests", Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public string Combine(params string[] parts) => System.IO.Path.Combine([Path, .. parts]);

    public void Dispose()
    {
        try
        {
            JUnitAssert.AllValid(Path);
            SchemaAssert.AllValid(Path);
        }
        finally
        {
            Delete();
        }
    }

    private void Delete()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
