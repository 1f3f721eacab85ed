namespace MlNode.Tasks.Documents;

/// <summary>What the mismatches look like: their kind, the evidence, the likely cause and the next step.</summary>
internal sealed class AnatomyInfo
{
    /// <summary>Gets the kind: batch stride, uniform shift, sparse far, broken or scattered.</summary>
    public string Kind { get; init; } = string.Empty;

    /// <summary>Gets the likely cause.</summary>
    public string Cause { get; init; } = string.Empty;

    /// <summary>Gets what to do about it.</summary>
    public string NextStep { get; init; } = string.Empty;

    /// <summary>Gets the numbers the classification rests on.</summary>
    public IReadOnlyList<string> Evidence { get; init; } = [];

    /// <summary>Gets the batch stride the mismatches follow, when one stands out.</summary>
    public BatchStrideInfo? Stride { get; init; }
}

/// <summary>Mismatches concentrated on one position of a batch.</summary>
internal sealed class BatchStrideInfo
{
    /// <summary>Gets the batch size.</summary>
    public int Batch { get; init; }

    /// <summary>Gets the position in the batch (0: the first nonce).</summary>
    public int Residue { get; init; }

    /// <summary>Gets the mismatches on that position.</summary>
    public int OnStride { get; init; }

    /// <summary>Gets the mismatches in all.</summary>
    public int Mismatches { get; init; }

    /// <summary>Gets the nonces compared on that position.</summary>
    public int StrideNonces { get; init; }

    /// <summary>Gets the nonces compared in all.</summary>
    public int Compared { get; init; }

    /// <summary>Gets the exact binomial p-value of that concentration if mismatches fell anywhere (adjusted for the positions tried).</summary>
    public double PValue { get; init; }
}
