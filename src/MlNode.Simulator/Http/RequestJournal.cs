using System.Collections.Concurrent;

namespace MlNode.Simulator.Http;

/// <summary>One request the simulator received, for tests to assert what a client sent.</summary>
/// <param name="Sequence">Arrival order, from 1.</param>
/// <param name="At">When it arrived.</param>
/// <param name="Method">HTTP method.</param>
/// <param name="Path">Request path.</param>
/// <param name="Headers">Request headers (all of them: tests check that credentials arrive as headers only).</param>
/// <param name="Body">The body text (cut at the journal's limit).</param>
public sealed record RecordedRequest(long Sequence, DateTimeOffset At, string Method, string Path, IReadOnlyDictionary<string, string> Headers, string Body)
{
    private int _statusCode;

    /// <summary>Gets the status answered: 0 while the request is in flight, or when it was dropped or hung.</summary>
    public int StatusCode
    {
        get => Volatile.Read(ref _statusCode);
        internal set => Volatile.Write(ref _statusCode, value);
    }
}

/// <summary>
/// Every request received, in order of arrival (bounded, so a long standalone run cannot exhaust memory). A request
/// is recorded when it arrives, so a test can see a call that hangs.
/// </summary>
public sealed class RequestJournal
{
    private const int Capacity = 100_000;
    private readonly ConcurrentQueue<RecordedRequest> _requests = new();
    private long _sequence;

    /// <summary>Gets a snapshot of the recorded requests.</summary>
    public IReadOnlyList<RecordedRequest> Requests => [.. _requests];

    /// <summary>The requests to one path (exact match), in order.</summary>
    public IReadOnlyList<RecordedRequest> To(string method, string path) =>
        Requests.Where(r => r.Method == method && r.Path == path).ToList();

    /// <summary>Forgets everything recorded so far.</summary>
    public void Clear() => _requests.Clear();

    internal long NextSequence() => Interlocked.Increment(ref _sequence);

    internal void Add(RecordedRequest request)
    {
        _requests.Enqueue(request);
        while (_requests.Count > Capacity && _requests.TryDequeue(out _))
        {
        }
    }
}
