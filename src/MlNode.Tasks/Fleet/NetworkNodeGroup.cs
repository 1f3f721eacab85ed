namespace MlNode.Tasks.Fleet;

/// <summary>
/// One Network Node's share of a fleet read from several (--admin-api=&lt;url&gt;,&lt;url&gt;): its pairs (their ids carry
/// its <c>host:port/</c> prefix) with their own counts and exit code, so each host's operator reads their own part.
/// </summary>
/// <param name="Name">The Network Node, as its pairs' ids name it (<c>host:port</c>).</param>
/// <param name="Result">Its pairs, worst first.</param>
internal sealed record NetworkNodeGroup(string Name, FleetResult Result)
{
    /// <summary>The groups of a run, in the order the Network Nodes were given; empty for a fleet from one source.</summary>
    public static IReadOnlyList<NetworkNodeGroup> Of(FleetRun run)
    {
        ArgumentNullException.ThrowIfNull(run);
        if (run.NetworkNodes.Count < 2)
        {
            return [];
        }

        var groups = run.NetworkNodes.Select(name => new NetworkNodeGroup(name, new FleetResult(run.Result.Rows.Where(r => Belongs(r, name)), run.Result.RefusedOk))).ToList();

        // A row no Network Node claims (a shard folder whose report could not be read names only its folder) is kept.
        var unclaimed = run.Result.Rows.Where(r => !run.NetworkNodes.Any(name => Belongs(r, name))).ToList();
        if (unclaimed.Count > 0)
        {
            groups.Add(new NetworkNodeGroup(Unclaimed, new FleetResult(unclaimed, run.Result.RefusedOk)));
        }

        return groups;
    }

    /// <summary>The name of the group of rows no Network Node claims.</summary>
    public const string Unclaimed = "(no Network Node)";

    /// <summary>Gets whether a pair is one of this Network Node's.</summary>
    public static bool Belongs(FleetRow row, string name)
    {
        ArgumentNullException.ThrowIfNull(row);
        return row.NodeId.StartsWith(name + "/", StringComparison.Ordinal);
    }
}
