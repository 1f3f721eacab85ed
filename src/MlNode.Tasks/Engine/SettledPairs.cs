using System.Collections.Concurrent;

namespace MlNode.Tasks.Engine;

/// <summary>
/// What a live view needs beyond the runs an engine started: how many pairs a multi-node target planned, and the
/// pairs that ended without a run of their own (REFUSED for safety, an ERROR before their run), so that "n/m pairs
/// done" counts every pair the log counts.
/// </summary>
internal sealed class SettledPairs
{
    private readonly ConcurrentDictionary<string, string> _results = new(StringComparer.Ordinal);
    private int _expected;

    /// <summary>Gets the number of pairs planned (0 when no multi-node target said).</summary>
    public int Expected => Volatile.Read(ref _expected);

    /// <summary>Gets each pair that ended without a run, by label, with its result.</summary>
    public IReadOnlyDictionary<string, string> Results => _results;

    /// <summary>Says how many pairs the target planned.</summary>
    public void Expect(int pairs) => Volatile.Write(ref _expected, pairs);

    /// <summary>Records a pair that ended without a run.</summary>
    public void Settle(string label, string result) => _results[label] = result;
}
