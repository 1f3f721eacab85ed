namespace MlNode.Tasks.Fleet.Documents;

/// <summary>The operator's switch on a node (<c>POST /admin/v1/nodes/{id}/disable</c> takes effect at the epoch's end).</summary>
internal sealed class AdminState
{
    /// <summary>Gets whether the node is enabled.</summary>
    public bool Enabled { get; init; }

    /// <summary>Gets the epoch the switch was set in.</summary>
    public long? Epoch { get; init; }
}
