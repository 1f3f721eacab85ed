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
}
