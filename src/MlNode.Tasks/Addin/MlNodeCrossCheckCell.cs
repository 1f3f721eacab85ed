namespace MlNode.Tasks.Addin;

/// <summary>One ordered pair of a cross-check: the generator's vectors as the validator judged them.</summary>
public sealed class MlNodeCrossCheckCell
{
    internal MlNodeCrossCheckCell()
    {
    }

    /// <summary>Gets the model.</summary>
    public string Model { get; internal init; } = string.Empty;

    /// <summary>Gets whose vectors were judged (a node id, or "golden").</summary>
    public string Generator { get; internal init; } = string.Empty;

    /// <summary>Gets the generator's hardware class.</summary>
    public string GeneratorHardware { get; internal init; } = string.Empty;

    /// <summary>Gets who judged them (a node id, or "golden").</summary>
    public string Validator { get; internal init; } = string.Empty;

    /// <summary>Gets the validator's hardware class.</summary>
    public string ValidatorHardware { get; internal init; } = string.Empty;

    /// <summary>Gets how the pair ended.</summary>
    public MlNodeCellStatus Status { get; internal init; }

    /// <summary>Gets the cell's one label, as the CrossCheck files say it.</summary>
    public string Label { get; internal init; } = string.Empty;

    /// <summary>Gets why, in words that fit a cross-hardware comparison ("classes disagree: ..."), or null.</summary>
    public string? Cause { get; internal init; }

    /// <summary>Gets how many nonces were beyond dist_threshold, or null.</summary>
    public int? Mismatches { get; internal init; }

    /// <summary>Gets how many were judged, or null.</summary>
    public int? Nonces { get; internal init; }
}
