namespace MlNode.Tasks.Tests.Support;

/// <summary>Where the repository under test is (the folder holding build.sh).</summary>
internal static class RepositoryPaths
{
    public static string Root { get; } = Find();

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "build.sh")) && File.Exists(Path.Combine(dir.FullName, "cake.config")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("cannot find the repository root (build.sh) above " + AppContext.BaseDirectory);
    }
}
