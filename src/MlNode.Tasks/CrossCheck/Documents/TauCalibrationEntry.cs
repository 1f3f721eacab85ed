namespace MlNode.Tasks.CrossCheck.Documents;

/// <summary>The decode τ table of one model's matrix (decode-poc.md): what τ its hardware classes need.</summary>
internal sealed class TauCalibrationEntry
{
    /// <summary>Gets τ as the matrix ran it (the stat test's dist_threshold, a margin).</summary>
    public double Tau { get; init; }

    /// <summary>Gets p_mismatch, for which the table is computed.</summary>
    public double PMismatch { get; init; }

    /// <summary>Gets fraud_threshold.</summary>
    public double FraudThreshold { get; init; }

    /// <summary>Gets the smallest τ at which no honest pair's mismatch count reaches the fraud threshold.</summary>
    public double TauNeeded { get; init; }

    /// <summary>Gets the pair that sets it, as "generator -> validator", or null when no pair disagreed on any step.</summary>
    public string? SetBy { get; init; }

    /// <summary>Gets the fewest mismatches any pair has to spare at τ before the fraud test fires (negative: an honest pair reads as fraud).</summary>
    public int FraudMargin { get; init; }

    /// <summary>Gets every ordered class pair.</summary>
    public IReadOnlyList<TauPairEntry> Pairs { get; init; } = [];
}

/// <summary>One ordered pair of hardware classes in the τ table.</summary>
internal sealed class TauPairEntry
{
    /// <summary>Gets the class whose trajectories were re-run.</summary>
    public string Generator { get; init; } = string.Empty;

    /// <summary>Gets the class that re-ran them.</summary>
    public string Validator { get; init; } = string.Empty;

    /// <summary>Gets the nonces scored.</summary>
    public int Compared { get; init; }

    /// <summary>Gets the nonces with a differing step.</summary>
    public int Differing { get; init; }

    /// <summary>Gets the median claimed margin over those nonces.</summary>
    public double MarginMedian { get; init; }

    /// <summary>Gets the 95th percentile.</summary>
    public double MarginP95 { get; init; }

    /// <summary>Gets the largest.</summary>
    public double MarginMax { get; init; }

    /// <summary>Gets the mismatches at the run's τ.</summary>
    public int MismatchesAtTau { get; init; }

    /// <summary>Gets the most mismatches the binomial test lets pass.</summary>
    public int Allowed { get; init; }

    /// <summary>Gets the smallest τ at which this pair stays within them.</summary>
    public double TauNeeded { get; init; }
}
