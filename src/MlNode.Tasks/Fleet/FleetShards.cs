using System.Globalization;

namespace MlNode.Tasks.Fleet;

/// <summary>
/// Packs a fleet's pairs into at most a CI system's job limit. Within the limit every pair is its own job. Past it,
/// whole nodes go to shards (a node's pairs share its GPUs, so two jobs on separate runners must never hold two
/// pairs of one node), the largest node first into the emptiest shard, so shards differ by at most one node's pairs.
/// </summary>
internal static class FleetShards
{
    /// <summary>The default job limit of a matrix format: GitHub's 256 jobs per matrix, GitLab's 200 per parallel:matrix.</summary>
    public static int DefaultMaxJobs(string format) => format == "gitlab" ? 200 : FleetMatrix.GitHubMaxJobs;

    /// <summary>The pairs as shards: each a list of pairs, whole nodes together, in the plan's order within a shard.</summary>
    /// <param name="pairs">The plan's pairs.</param>
    /// <param name="maxJobs">The most shards to make.</param>
    public static IReadOnlyList<IReadOnlyList<FleetPair>> Pack(IReadOnlyList<FleetPair> pairs, int maxJobs)
    {
        ArgumentNullException.ThrowIfNull(pairs);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxJobs, 1);
        var nodes = pairs.GroupBy(p => p.Node.Id, StringComparer.Ordinal).OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal).ToList();
        var shards = Enumerable.Range(0, Math.Min(maxJobs, nodes.Count)).Select(_ => new List<FleetPair>()).ToList();
        foreach (var node in nodes)
        {
            shards.MinBy(s => s.Count)!.AddRange(node);
        }

        var order = pairs.Select((p, i) => (p, i)).ToDictionary(x => x.p, x => x.i);
        return [.. shards.Select(s => (IReadOnlyList<FleetPair>)[.. s.OrderBy(p => order[p])]).OrderBy(s => order[s[0]])];
    }

    /// <summary>A shard's name: <c>shard-007</c>, zero-padded to the number of shards so the names sort.</summary>
    public static string Name(int index, int count) =>
        "shard-" + (index + 1).ToString(new string('0', count.ToString(CultureInfo.InvariantCulture).Length), CultureInfo.InvariantCulture);
}
