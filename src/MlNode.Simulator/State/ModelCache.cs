using MlNode.Simulator.Faults;

namespace MlNode.Simulator.State;

/// <summary>The simulated HuggingFace cache (mlnode-api.md §1): NOT_FOUND → DOWNLOADING → DOWNLOADED over time.</summary>
public sealed class ModelCache
{
    private readonly object _gate = new();
    private readonly Dictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    private readonly SimulatorOptions _options;
    private readonly TimeProvider _time;

    /// <summary>Creates the cache with the preloaded models already downloaded.</summary>
    public ModelCache(SimulatorOptions options, TimeProvider time)
    {
        _options = options;
        _time = time;
        foreach (var model in options.Preloaded.Append(options.Running).OfType<string>())
        {
            _entries[model] = new Entry(EntryState.Downloaded, time.GetUtcNow(), 0);
        }
    }

    /// <summary>The outcome of a download request.</summary>
    public enum StartResult
    {
        /// <summary>A download started (202).</summary>
        Started,

        /// <summary>The model is already cached (202, status DOWNLOADED).</summary>
        AlreadyCached,

        /// <summary>This model is already downloading (409).</summary>
        AlreadyDownloading,

        /// <summary>Too many downloads at once (429).</summary>
        TooMany,

        /// <summary>The node is offline (status IGNORED).</summary>
        Ignored,
    }

    /// <summary>The status of one model: status word, progress (start time and elapsed) and error message.</summary>
    public (string Status, DateTimeOffset? Started, double? Elapsed, string? Error) Status(string repo)
    {
        lock (_gate)
        {
            var entry = Advance(repo);
            return entry switch
            {
                null => ("NOT_FOUND", null, null, null),
                { State: EntryState.Downloading } => ("DOWNLOADING", entry.Started, (_time.GetUtcNow() - entry.Started).TotalSeconds, null),
                { State: EntryState.Partial } => ("PARTIAL", null, null, entry.Error),
                _ => ("DOWNLOADED", null, null, null),
            };
        }
    }

    /// <summary>True when the model is fully cached.</summary>
    public bool IsCached(string repo) => Status(repo).Status == "DOWNLOADED";

    /// <summary>Starts a download.</summary>
    public StartResult Start(string repo)
    {
        lock (_gate)
        {
            if (_options.Has(FaultKind.Offline))
            {
                return StartResult.Ignored;
            }

            var entry = Advance(repo);
            if (entry is { State: EntryState.Downloaded })
            {
                return StartResult.AlreadyCached;
            }

            if (entry is { State: EntryState.Downloading })
            {
                return StartResult.AlreadyDownloading;
            }

            var active = _entries.Keys.ToList().Count(k => Advance(k) is { State: EntryState.Downloading });
            if (active >= _options.MaxDownloads)
            {
                return StartResult.TooMany;
            }

            _entries[repo] = new Entry(EntryState.Downloading, _time.GetUtcNow(), _options.DownloadSeconds);
            return StartResult.Started;
        }
    }

    /// <summary>Deletes a cached model or cancels its download: "deleted", "cancelled", or null when unknown.</summary>
    public string? Delete(string repo)
    {
        lock (_gate)
        {
            var entry = Advance(repo);
            if (entry is null)
            {
                return null;
            }

            if (entry.State == EntryState.Downloading)
            {
                _entries[repo] = entry with { State = EntryState.Partial, Error = "download cancelled" };
                return "cancelled";
            }

            _entries.Remove(repo);
            return "deleted";
        }
    }

    /// <summary>Every model in the cache (downloaded or partial).</summary>
    public IReadOnlyList<(string Repo, string Status)> List()
    {
        lock (_gate)
        {
            return _entries.Keys.ToList()
                .Select(k => (k, Advance(k)))
                .Where(e => e.Item2 is { State: EntryState.Downloaded or EntryState.Partial })
                .Select(e => (e.k, e.Item2!.State == EntryState.Downloaded ? "DOWNLOADED" : "PARTIAL"))
                .OrderBy(e => e.k, StringComparer.Ordinal)
                .ToList();
        }
    }

    // Moves a download along the timeline (and through any injected failure) and returns the current entry.
    private Entry? Advance(string repo)
    {
        if (!_entries.TryGetValue(repo, out var entry) || entry.State != EntryState.Downloading)
        {
            return entry;
        }

        var elapsed = (_time.GetUtcNow() - entry.Started).TotalSeconds;
        if (_options.Has(FaultKind.DownloadStuck))
        {
            return entry;
        }

        if (_options.Has(FaultKind.DownloadNotFound) && elapsed >= entry.Duration / 2)
        {
            _entries.Remove(repo);
            return null;
        }

        if (_options.Has(FaultKind.DownloadPartial) && elapsed >= entry.Duration / 2)
        {
            return _entries[repo] = entry with { State = EntryState.Partial, Error = "HTTP 429 from huggingface.co: rate limited; download stopped" };
        }

        return elapsed >= entry.Duration ? _entries[repo] = entry with { State = EntryState.Downloaded } : entry;
    }

    private enum EntryState
    {
        Downloading,
        Downloaded,
        Partial,
    }

    private sealed record Entry(EntryState State, DateTimeOffset Started, double Duration, string? Error = null);
}
