namespace MlNode.Tasks.Documents;

/// <summary>What ended a run.</summary>
internal sealed class ErrorInfo
{
    /// <summary>Gets the one-line error.</summary>
    public string Message { get; init; } = string.Empty;

    /// <summary>Gets the phase it happened in, or null.</summary>
    public string? Phase { get; init; }

    /// <summary>Gets the exception's text for a bug, or null.</summary>
    public string? Detail { get; init; }
}
