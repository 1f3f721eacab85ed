namespace MlNode.Tasks.CrossCheck.Documents;

/// <summary>A node another node of its hardware class stood for.</summary>
internal sealed record CrossLeftOutEntry
{
    /// <summary>Gets the node left out.</summary>
    public string NodeId { get; init; } = string.Empty;

    /// <summary>Gets the model.</summary>
    public string Model { get; init; } = string.Empty;

    /// <summary>Gets its hardware class.</summary>
    public string Hardware { get; init; } = string.Empty;

    /// <summary>Gets the node that stood for it.</summary>
    public string StandIn { get; init; } = string.Empty;
}
