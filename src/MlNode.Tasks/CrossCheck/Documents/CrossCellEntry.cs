using MlNode.Tasks.Documents;

namespace MlNode.Tasks.CrossCheck.Documents;

/// <summary>One ordered pair: the generator's vectors as the validator judged them.</summary>
internal sealed record CrossCellEntry
{
    /// <summary>Gets whose vectors (a node id, or <c>golden</c>).</summary>
    public string Generator { get; init; } = string.Empty;

    /// <summary>Gets who judged them (a node id, or <c>golden</c>: the recorded vectors, compared locally).</summary>
    public string Validator { get; init; } = string.Empty;

    /// <summary>Gets the cell's one judgement: label, counts, cause in words that fit a cross-hardware comparison, next step.</summary>
    public JudgementInfo? Judgement { get; init; }

    /// <summary>Gets PASS, FAIL (the fraud test fired), ERROR or INTERRUPTED.</summary>
    public string Status { get; init; } = string.Empty;

    /// <summary>Gets <c>node</c> (the validator recomputed and tested) or <c>recorded vectors</c>.</summary>
    public string JudgedBy { get; init; } = string.Empty;

    /// <summary>Gets the nonces judged.</summary>
    public int? NTotal { get; init; }

    /// <summary>Gets how many were farther apart than dist_threshold.</summary>
    public int? NMismatch { get; init; }

    /// <summary>Gets those nonces.</summary>
    public IReadOnlyList<long> MismatchNonces { get; init; } = [];

    /// <summary>Gets the binomial tail probability.</summary>
    public double? PValue { get; init; }

    /// <summary>Gets whether the fraud test fired.</summary>
    public bool? FraudDetected { get; init; }

    /// <summary>Gets why the pair could not be judged.</summary>
    public string? Error { get; init; }

    /// <summary>Gets how long the judgement took, in seconds.</summary>
    public double? DurationS { get; init; }

    /// <summary>Gets what the mismatches look like and their likely cause (null without mismatches).</summary>
    public MlNode.Tasks.Documents.AnatomyInfo? Anatomy { get; init; }
}
