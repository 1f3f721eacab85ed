namespace MlNode.Tasks.Documents;

/// <summary>A decode validation as the tool read it (decode-poc.md): each nonce's scores, the margins' spread, and the recomputed verdict.</summary>
internal sealed class DecodeValidationInfo
{
    /// <summary>Gets max_tokens: the decode steps of each trajectory.</summary>
    public int MaxTokens { get; init; }

    /// <summary>Gets τ: the claimed margin above which a differing step makes its nonce a mismatch.</summary>
    public double Tau { get; init; }

    /// <summary>Gets how many nonces the node scored.</summary>
    public int NTotal { get; init; }

    /// <summary>Gets how many mismatch under the rule, recomputed from per_nonce.</summary>
    public int NMismatch { get; init; }

    /// <summary>Gets the recomputed binomial p-value.</summary>
    public double PValue { get; init; }

    /// <summary>Gets the recomputed fraud decision.</summary>
    public bool FraudDetected { get; init; }

    /// <summary>Gets the nonces the node could not score.</summary>
    public IReadOnlyList<long> ExcludedNonces { get; init; } = [];

    /// <summary>Gets whether the node's verdict agrees with its per_nonce scores.</summary>
    public bool Agrees { get; init; }

    /// <summary>Gets how they disagree, or null.</summary>
    public string? Contradiction { get; init; }

    /// <summary>Gets what the mismatches look like (substituted trajectories, or near ties), or null without mismatches.</summary>
    public string? Cause { get; init; }

    /// <summary>Gets the share of all scored steps that differ.</summary>
    public double StepMismatchShare { get; init; }

    /// <summary>Gets the histogram of mismatch_margin_max over the nonces with a differing step.</summary>
    public IReadOnlyList<MarginBinInfo> MarginHistogram { get; init; } = [];

    /// <summary>Gets every scored nonce.</summary>
    public IReadOnlyList<DecodeNonceInfo> PerNonce { get; init; } = [];
}

/// <summary>One bin of the margin histogram: nonces whose largest claimed margin is in [from, to).</summary>
internal sealed class MarginBinInfo
{
    /// <summary>Gets the bin's lower edge.</summary>
    public double From { get; init; }

    /// <summary>Gets the bin's upper edge (exclusive).</summary>
    public double To { get; init; }

    /// <summary>Gets how many nonces fall in it.</summary>
    public int Count { get; init; }

    /// <summary>Gets whether the bin lies above τ (its nonces mismatch).</summary>
    public bool AboveTau { get; init; }
}

/// <summary>One nonce's decode scores.</summary>
internal sealed class DecodeNonceInfo
{
    /// <summary>Gets the nonce.</summary>
    public long Nonce { get; init; }

    /// <summary>Gets n_steps, or null when the node did not say.</summary>
    public int? NSteps { get; init; }

    /// <summary>Gets n_sphere_mismatches: the differing steps.</summary>
    public int NSphereMismatches { get; init; }

    /// <summary>Gets mismatch_margin_max: the largest claimed margin among them.</summary>
    public double MismatchMarginMax { get; init; }

    /// <summary>Gets whether it mismatches under the rule.</summary>
    public bool Mismatch { get; init; }
}
