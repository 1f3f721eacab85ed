using MlNode.Tasks.Deployment.Documents;

namespace MlNode.Tasks.Fleet.Documents;

/// <summary>One item of the Admin API's <c>GET /admin/v1/nodes</c>: the node's definition and the broker's view of it.</summary>
internal sealed class AdminNode
{
    /// <summary>Gets the node's definition.</summary>
    public NodeDefinition? Node { get; init; }

    /// <summary>Gets the broker's state of the node.</summary>
    public NodeState? State { get; init; }
}
