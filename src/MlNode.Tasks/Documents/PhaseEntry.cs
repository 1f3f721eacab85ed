namespace MlNode.Tasks.Documents;

/// <summary>A phase's state in a report.</summary>
internal sealed class PhaseEntry
{
    /// <summary>Gets pending, running, completed, skipped, failed or interrupted.</summary>
    public string State { get; init; } = string.Empty;

    /// <summary>Gets why it was skipped, or null.</summary>
    public string? Reason { get; init; }

    /// <summary>Gets how long it ran, in seconds, or null.</summary>
    public double? ElapsedS { get; init; }
}
