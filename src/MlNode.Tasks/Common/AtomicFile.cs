using System.Text;

namespace MlNode.Tasks.Common;

/// <summary>
/// Writes files so that a reader (or a crash at any instant) sees either the old content or the new,
/// never a half-written file: write a temporary sibling, flush it to disk, then rename over the target.
/// </summary>
internal static class AtomicFile
{
    private static readonly UTF8Encoding Utf8NoBom = new(encoderShouldEmitUTF8Identifier: false);

    /// <summary>Atomically replaces (or creates) <paramref name="path"/> with <paramref name="content"/>, flushed to disk before it is renamed into place.</summary>
    public static void WriteAllText(string path, string content) => Write(path, content, overwrite: true);

    /// <summary>
    /// Atomically replaces <paramref name="path"/> without waiting for the disk: a reader or a killed process still sees
    /// the old content or the new (the rename is atomic), but a power cut may lose it. For progress that a later
    /// durable write supersedes; a run's final files use <see cref="WriteAllText"/>.
    /// </summary>
    public static void WriteProgress(string path, string content) => Write(path, content, overwrite: true, durable: false);

    /// <summary>
    /// Atomically creates <paramref name="path"/> with its whole content; fails if it already exists, even when another
    /// writer creates it at the same instant, so a golden reference or a claim is never overwritten.
    /// </summary>
    /// <exception cref="IOException">The file exists.</exception>
    public static void CreateNew(string path, string content) => Write(path, content, overwrite: false);

    private static void Write(string path, string content, bool overwrite, bool durable = true)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(content);
        var full = Path.GetFullPath(path);
        var directory = Path.GetDirectoryName(full)!;
        Directory.CreateDirectory(directory);
        RemoveAbandoned(directory, Path.GetFileName(full));
        var temporary = Path.Combine(directory, $".{Path.GetFileName(full)}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 64 * 1024))
            {
                var bytes = Utf8NoBom.GetBytes(content);
                stream.Write(bytes, 0, bytes.Length);
                stream.Flush(flushToDisk: durable);
            }

            if (overwrite)
            {
                File.Move(temporary, full, overwrite: true);
            }
            else
            {
                ExclusiveLink.Publish(temporary, full);
            }
        }
        finally
        {
            if (File.Exists(temporary))
            {
                File.Delete(temporary);
            }
        }
    }

    // A write interrupted by kill -9 leaves its temporary file: the next write of the same file removes those of
    // processes that are gone (never another live writer's).
    private static void RemoveAbandoned(string directory, string fileName)
    {
        foreach (var leftover in Directory.EnumerateFiles(directory, $".{fileName}.*.tmp"))
        {
            var parts = Path.GetFileName(leftover)[(fileName.Length + 2)..].Split('.');
            if (parts.Length == 3 && int.TryParse(parts[0], out var pid) && pid != Environment.ProcessId && !ProcessLiveness.IsAlive(pid))
            {
                try
                {
                    File.Delete(leftover);
                }
                catch (IOException)
                {
                    // Another process cleaned it up first.
                }
            }
        }
    }
}
