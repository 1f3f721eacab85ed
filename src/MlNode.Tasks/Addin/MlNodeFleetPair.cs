namespace MlNode.Tasks.Addin;

/// <summary>One (node, model) pair of a fleet result.</summary>
public sealed class MlNodeFleetPair
{
    internal MlNodeFleetPair()
    {
    }

    /// <summary>Gets the node's id.</summary>
    public string NodeId { get; internal init; } = string.Empty;

    /// <summary>Gets the model.</summary>
    public string Model { get; internal init; } = string.Empty;

    /// <summary>Gets how the pair ended.</summary>
    public MlNodePairStatus Status { get; internal init; }

    /// <summary>Gets the pair's one label, as the fleet files say it (PASS, FAIL, "PASS, gate FAILED", REFUSED, ...).</summary>
    public string Label { get; internal init; } = string.Empty;

    /// <summary>Gets the pair's own exit code (3: validation passed, a throughput gate failed).</summary>
    public int ExitCode { get; internal init; }

    /// <summary>Gets its experiment folder, or null when it never ran.</summary>
    public string? ExperimentDirectory { get; internal init; }

    /// <summary>Gets why it was refused or failed, or null.</summary>
    public string? Reason { get; internal init; }
}
