namespace MlNode.Tasks.Fleet;

/// <summary>How one pair of a fleet ended, worst first.</summary>
internal enum FleetStatus
{
    /// <summary>The node's fraud test fired.</summary>
    Fail,

    /// <summary>A hard error (or the pair was never reached).</summary>
    Error,

    /// <summary>Refused for safety: the node is in use.</summary>
    Refused,

    /// <summary>Passed (possibly with a failed throughput gate).</summary>
    Pass,
}
