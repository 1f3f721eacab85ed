namespace MlNode.Tasks.Addin;

/// <summary>How one (node, model) pair of a fleet ended.</summary>
public enum MlNodePairStatus
{
    /// <summary>The node's fraud test fired.</summary>
    Fail,

    /// <summary>A hard error, or the pair was never reached.</summary>
    Error,

    /// <summary>Refused for safety: the node was in use.</summary>
    Refused,

    /// <summary>Validation passed (check the pair's exit code for a failed throughput gate, 3).</summary>
    Pass,
}
