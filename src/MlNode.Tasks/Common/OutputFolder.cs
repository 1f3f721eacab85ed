namespace MlNode.Tasks.Common;

/// <summary>Rules for a folder the tool is told to write into.</summary>
internal static class OutputFolder
{
    /// <summary>Refuses a filesystem root (<c>/</c>, <c>C:\</c>): a run's files and markers never land beside the system's.</summary>
    /// <param name="directory">The folder, absolute.</param>
    /// <param name="argument">The argument that named it, for the message (e.g. <c>--exp-dir</c>).</param>
    /// <exception cref="InputException">The folder is a filesystem root.</exception>
    public static void RefuseRoot(string directory, string argument)
    {
        ArgumentNullException.ThrowIfNull(directory);
        // The folder the path leads to, links followed: a link to "/" is the root as much as "/" is.
        var full = Resolved(Path.GetFullPath(directory));
        if (string.Equals(Path.TrimEndingDirectorySeparator(full), Path.TrimEndingDirectorySeparator(Path.GetPathRoot(full) ?? string.Empty), StringComparison.Ordinal))
        {
            throw new InputException($"{argument} '{directory}' is the root of the filesystem; the tool writes its files into a folder of their own -- pass a folder such as ./experiments/<name>");
        }
    }

    private static string Resolved(string path)
    {
        try
        {
            return Directory.Exists(path) && new DirectoryInfo(path).ResolveLinkTarget(returnFinalTarget: true) is { } target ? Path.GetFullPath(target.FullName) : path;
        }
        catch (IOException)
        {
            return path; // a link loop or an unreadable link: the folder's own checks say what is wrong with it
        }
    }
}
