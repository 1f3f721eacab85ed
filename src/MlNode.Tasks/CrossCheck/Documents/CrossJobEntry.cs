namespace MlNode.Tasks.CrossCheck.Documents;

/// <summary>One job of one node.</summary>
internal sealed record CrossJobEntry
{
    /// <summary>Gets the node.</summary>
    public string Node { get; init; } = string.Empty;

    /// <summary>Gets <c>generate</c> or <c>validate</c>.</summary>
    public string Kind { get; init; } = string.Empty;

    /// <summary>Gets whose vectors.</summary>
    public string Source { get; init; } = string.Empty;

    /// <summary>Gets the start, in seconds from the matrix's start.</summary>
    public double StartedS { get; init; }

    /// <summary>Gets the end, in seconds from the matrix's start.</summary>
    public double FinishedS { get; init; }
}
