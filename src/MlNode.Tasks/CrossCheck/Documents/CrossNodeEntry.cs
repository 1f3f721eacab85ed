namespace MlNode.Tasks.CrossCheck.Documents;

/// <summary>A node of a matrix.</summary>
internal sealed record CrossNodeEntry
{
    /// <summary>Gets the node's id.</summary>
    public string NodeId { get; init; } = string.Empty;

    /// <summary>Gets its hardware class.</summary>
    public string Hardware { get; init; } = string.Empty;

    /// <summary>Gets its URL (credentials masked).</summary>
    public string MlnodeUrl { get; init; } = string.Empty;

    /// <summary>Gets the batch it computed with, or null: its own default.</summary>
    public int? BatchSize { get; init; }

    /// <summary>Gets how many vectors it generated.</summary>
    public int GeneratedVectors { get; init; }

    /// <summary>Gets how long its generation took, in seconds.</summary>
    public double? GenerationS { get; init; }

    /// <summary>Gets the node's MLNode and PoC plugin versions as it reported them ("-": not reported), or null.</summary>
    public string? NodeSoftware { get; init; }

    /// <summary>Gets why it generated nothing, or null.</summary>
    public string? Error { get; init; }

    /// <summary>Gets its deploy run's experiment folder, relative to the cross-check's.</summary>
    public string? ExperimentDir { get; init; }
}
