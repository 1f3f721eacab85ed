namespace MlNode.Tasks.PoC;

/// <summary>
/// The <c>stat_test</c> block the MLNode judges a validation by: the per-nonce L2 mismatch gate and the
/// binomial fraud test's parameters.
/// </summary>
/// <param name="DistThreshold">L2 distance above which one nonce counts as a mismatch (strictly greater).</param>
/// <param name="PMismatch">Per-nonce probability of a benign mismatch under honest computation.</param>
/// <param name="FraudThreshold">Fraud is flagged when the p-value is strictly below this.</param>
internal sealed record StatTestParameters(double DistThreshold, double PMismatch, double FraudThreshold)
{
    /// <summary>Gets the MLNode server's own defaults (pow_v2 StatTestModel): 0.02 / 0.001 / 0.01.</summary>
    public static StatTestParameters ServerDefaults { get; } = new(0.02, 0.001, 0.01);

    /// <summary>
    /// Gets the defaults under decode PoC: the plugin's τ 0.025 as dist_threshold (a margin, not an L2 distance), and the
    /// prefill defaults for p_mismatch and fraud_threshold, as decode's are not on chain yet (decode-poc.md).
    /// </summary>
    public static StatTestParameters DecodeServerDefaults { get; } = new(0.025, 0.001, 0.01);

    /// <summary>Gets the node's defaults under a scheme.</summary>
    public static StatTestParameters Defaults(PocScheme scheme) => scheme == PocScheme.Decode ? DecodeServerDefaults : ServerDefaults;

    /// <summary>Runs the binomial fraud test for a mismatch count, exactly as the node does.</summary>
    public FraudTestOutcome Evaluate(int nMismatch, int nTotal)
    {
        if (nTotal == 0)
        {
            return new FraudTestOutcome(1.0, false);
        }

        var pValue = BinomialTail.UpperTail(nMismatch, nTotal, PMismatch);
        return new FraudTestOutcome(pValue, pValue < FraudThreshold);
    }

    /// <summary>True when a distance counts as a mismatch (strict, and any non-finite distance counts).</summary>
    public bool IsMismatch(double distance) => !double.IsFinite(distance) || distance > DistThreshold;
}

/// <summary>The result of the binomial fraud test.</summary>
/// <param name="PValue">P(X ≥ n_mismatch) under honest computation.</param>
/// <param name="FraudDetected">Whether the p-value fell strictly below the fraud threshold.</param>
internal sealed record FraudTestOutcome(double PValue, bool FraudDetected);
