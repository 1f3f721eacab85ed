using System.Collections.Concurrent;
using MlNode.Tasks.Common;

namespace MlNode.Tasks.References;

/// <summary>
/// Golden references loaded once per path for the runs of one invocation: the settings resolver reads a reference
/// to check it and take its header, the runner then takes its artifacts from here, and a fleet's pairs of one model
/// share the same file (a reference can hold 100,000 vectors: 8.6 MB of JSON, tens of MB decoded). A loaded
/// reference is immutable, so the runs share it.
/// </summary>
internal sealed class ReferenceCache
{
    private readonly ConcurrentDictionary<string, Lazy<GoldenReference>> _loaded = new(StringComparer.Ordinal);

    /// <summary>Loads the reference at <paramref name="path"/> with every check, or returns it loaded before.</summary>
    /// <exception cref="InputException">The file is missing or not a valid reference (every caller gets the same error).</exception>
    public GoldenReference Load(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        return _loaded.GetOrAdd(Path.GetFullPath(path), p => new Lazy<GoldenReference>(() => ReferenceReader.Load(p))).Value;
    }

    /// <summary>Loads the file a run's settings name, and only if it is still the file they were resolved from.</summary>
    /// <exception cref="InputException">The file is gone, no longer valid, or its bytes changed since its header was read.</exception>
    public GoldenReference Load(ReferenceHeader header)
    {
        ArgumentNullException.ThrowIfNull(header);
        var path = header.FilePath ?? throw new InvalidOperationException("a reference built in memory has no file to load");
        var reference = Load(path);
        if (!string.Equals(reference.Header.Sha256, header.Sha256, StringComparison.Ordinal))
        {
            // Another cache (or none) read the header; a file rewritten since then would be validated against vectors
            // the report does not name.
            throw new InputException(
                $"reference file '{path}' changed after the run's inputs were checked (sha256 {header.Sha256}, now {reference.Header.Sha256})",
                "leave the reference alone while a run uses it, and run again");
        }

        return reference;
    }
}
