namespace MlNode.Tasks.Documents;

/// <summary>
/// The tool's own judgement of the node's vectors: after the node's verdict, its vectors of the same nonces (same
/// batch size) compared with the reference here, by the same stat test.
/// </summary>
internal sealed class LocalValidationInfo
{
    /// <summary>Gets whether the check ran (false with --verify-vectors=off).</summary>
    public bool Verified { get; init; }

    /// <summary>Gets why the node's word stands alone, when it was not checked.</summary>
    public string? Note { get; init; }

    /// <summary>Gets how many nonces were compared.</summary>
    public int? NTotal { get; init; }

    /// <summary>Gets how many of the node's vectors are beyond dist_threshold.</summary>
    public int? NMismatch { get; init; }

    /// <summary>Gets those nonces.</summary>
    public IReadOnlyList<long>? MismatchNonces { get; init; }

    /// <summary>Gets the exact binomial p-value of that count.</summary>
    public double? PValue { get; init; }

    /// <summary>Gets whether the fraud test fires on the node's own vectors.</summary>
    public bool? FraudDetected { get; init; }

    /// <summary>Gets how near the threshold a distance may lie and still fall either way (recomputation is not bit-exact).</summary>
    public double? Margin { get; init; }

    /// <summary>Gets whether the node's verdict agrees with its vectors (null before the check ran).</summary>
    public bool? Agrees { get; init; }

    /// <summary>Gets what contradicts what, when it does not.</summary>
    public string? Contradiction { get; init; }

    /// <summary>Gets every compared nonce's L2 distance, in nonce order (null where a vector is not finite).</summary>
    public IReadOnlyList<NonceDistanceInfo>? Distances { get; init; }
}

/// <summary>One nonce's distance between the reference vector and the node's.</summary>
internal sealed class NonceDistanceInfo
{
    /// <summary>Gets the nonce.</summary>
    public long Nonce { get; init; }

    /// <summary>Gets the L2 distance, or null when a vector is not finite (a mismatch).</summary>
    public double? Distance { get; init; }
}
