using MlNode.Tasks.Fleet.Documents;

namespace MlNode.Tasks.Fleet;

/// <summary>A fleet as read from its source: the nodes, where they came from, and (from the Admin API) the PoC schedule.</summary>
/// <param name="Kind">nodes-file or admin-api.</param>
/// <param name="Location">The file, or the Admin API URL without secrets.</param>
/// <param name="Nodes">The nodes, in the source's order.</param>
/// <param name="StateKnown">True when each node's state was read (the Admin API).</param>
/// <param name="Timing">The PoC schedule, when read; null when the source cannot tell.</param>
internal sealed record FleetInventory(string Kind, string Location, IReadOnlyList<FleetNode> Nodes, bool StateKnown, PocTimingReply? Timing)
{
    /// <summary>The kind of a fleet read from a file.</summary>
    public const string NodesFile = "nodes-file";

    /// <summary>The kind of a fleet read from the Admin API.</summary>
    public const string AdminApi = "admin-api";

    /// <summary>Gets the fleets it was merged from, one per Network Node; empty when it was read from one source.</summary>
    public IReadOnlyList<FleetInventory> Parts { get; init; } = [];

    /// <summary>One fleet of several Network Nodes: each node's id prefixed with its Network Node (<c>10.0.0.2:9200/node1</c>), so ids stay unique and pairs say where they belong.</summary>
    public static FleetInventory Merge(IReadOnlyList<(string Network, FleetInventory Inventory)> parts)
    {
        ArgumentNullException.ThrowIfNull(parts);
        return new FleetInventory(
            AdminApi,
            string.Join(", ", parts.Select(p => p.Inventory.Location)),
            [.. parts.SelectMany(p => p.Inventory.Nodes.Select(n => n with { Id = $"{p.Network}/{n.Id}" }))],
            parts.All(p => p.Inventory.StateKnown),
            parts.Select(p => p.Inventory.Timing).OfType<PocTimingReply>().MinBy(t => t.Timing?.SecondsUntilNextPoc ?? double.MaxValue))
        {
            Parts = [.. parts.Select(p => p.Inventory)],
        };
    }
}
