namespace MlNode.Tasks.Fleet.Documents;

/// <summary>How many pairs ended how.</summary>
internal sealed record FleetCountsInfo
{
    /// <summary>Gets all pairs.</summary>
    public int Total { get; init; }

    /// <summary>Gets the pairs that passed (a failed gate included; see <see cref="GateFailed"/>).</summary>
    public int Pass { get; init; }

    /// <summary>Gets the pairs whose node failed the fraud test.</summary>
    public int Fail { get; init; }

    /// <summary>Gets the pairs that ended in a hard error (or were never reached).</summary>
    public int Error { get; init; }

    /// <summary>Gets the pairs refused for safety.</summary>
    public int Refused { get; init; }

    /// <summary>Gets the passing pairs whose throughput gate failed.</summary>
    public int GateFailed { get; init; }
}
