using System.Globalization;
using MlNode.Tasks.Common;

namespace MlNode.Tasks.Documents;

/// <summary>
/// Reads a validate_report.json someone else may have put there (a baseline, a CI job's artifact): only a regular
/// file, and only one of a size this tool writes, so a FIFO cannot block the run and a file of gigabytes cannot fill
/// its memory.
/// </summary>
internal static class ValidateReportFile
{
    /// <summary>
    /// The largest report read. A report holds the node's validation reply (a mismatch list of at most the reference's
    /// nonces) and the throughput samples: a few megabytes for the largest reference this tool accepts.
    /// </summary>
    public const long MaxBytes = 64L * 1024 * 1024;

    /// <summary>Reads the report.</summary>
    /// <exception cref="IOException">It is not a regular file, or larger than <see cref="MaxBytes"/>, or cannot be read.</exception>
    /// <exception cref="Newtonsoft.Json.JsonException">It is not a report.</exception>
    public static ValidateReport Read(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (FileKind.Problem(path) is { } problem)
        {
            // Opening a FIFO blocks until a writer comes, past any signal: such a file is named, never read.
            throw new IOException($"it {problem}");
        }

        var length = new FileInfo(path).Length;
        if (length > MaxBytes)
        {
            throw new IOException(string.Create(CultureInfo.InvariantCulture, $"it is {length / (1024.0 * 1024):0} MiB, larger than any report this tool writes ({MaxBytes / (1024 * 1024)} MiB)"));
        }

        return DocumentJson.Deserialize<ValidateReport>(File.ReadAllText(path));
    }
}
