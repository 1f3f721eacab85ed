using System.Collections.Concurrent;

namespace MlNode.Tasks.References;

/// <summary>
/// Golden references loaded once per path for the runs of one invocation: a fleet's pairs of one model share the
/// same file, and a reference can hold 100,000 vectors (8.6 MB of JSON, tens of MB decoded). The loaded reference is
/// immutable, so the runs share it.
/// </summary>
internal sealed class ReferenceCache
{
    private readonly ConcurrentDictionary<string, Lazy<GoldenReference>> _loaded = new(StringComparer.Ordinal);

    /// <summary>Loads the reference at <paramref name="path"/> with every check, or returns it loaded before.</summary>
    /// <exception cref="Common.InputException">The file is missing or not a valid reference (every caller gets the same error).</exception>
    public GoldenReference Load(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        return _loaded.GetOrAdd(Path.GetFullPath(path), p => new Lazy<GoldenReference>(() => ReferenceReader.Load(p))).Value;
    }
}
