namespace MlNode.Tasks.Fleet.Documents;

/// <summary>
/// The Network Node broker's state of one MLNode, as far as the safety rules read it. The collections are read
/// only for whether they hold anything: their items' shapes are the broker's business.
/// </summary>
internal sealed class NodeState
{
    /// <summary>Gets the status the broker wants (UNKNOWN, INFERENCE, POC, TRAINING, STOPPED, FAILED).</summary>
    public string? IntendedStatus { get; init; }

    /// <summary>Gets the status the node is in.</summary>
    public string? CurrentStatus { get; init; }

    /// <summary>Gets the PoC status the node is in (IDLE, GENERATING, VALIDATING).</summary>
    public string? PocCurrentStatus { get; init; }

    /// <summary>Gets the PoC status the broker wants.</summary>
    public string? PocIntendedStatus { get; init; }

    /// <summary>Gets how many inference requests hold the node now.</summary>
    public int LockCount { get; init; }

    /// <summary>Gets the operator's switch.</summary>
    public AdminState? AdminState { get; init; }

    /// <summary>Gets the models the node serves in the current epoch.</summary>
    public ItemCount EpochModels { get; init; }

    /// <summary>Gets the node's assignments in the current epoch.</summary>
    public ItemCount EpochMlNodes { get; init; }

    /// <summary>Gets the models kept loaded for inference service.</summary>
    public ItemCount PreservedModels { get; init; }

    /// <summary>Gets the reconciliation in progress, if any.</summary>
    public ItemCount ReconcileInfo { get; init; }
}
