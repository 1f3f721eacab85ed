namespace MlNode.Tasks.Fleet.Documents;

/// <summary>One Network Node's part of a fleet report read from several.</summary>
internal sealed class NetworkNodeEntry
{
    /// <summary>Gets the Network Node (<c>host:port</c>, the prefix of its pairs' node ids).</summary>
    public string Name { get; init; } = string.Empty;

    /// <summary>Gets the worst exit code of its pairs.</summary>
    public int ExitCode { get; init; }

    /// <summary>Gets its pairs' counts.</summary>
    public FleetCountsInfo Counts { get; init; } = new();
}
