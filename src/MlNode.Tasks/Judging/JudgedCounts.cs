using System.Globalization;

namespace MlNode.Tasks.Judging;

/// <summary>The counts a verdict rests on: how many nonces were beyond the threshold, of how many, and the binomial tail.</summary>
/// <param name="NMismatch">Nonces beyond the threshold.</param>
/// <param name="NTotal">Nonces judged.</param>
/// <param name="Threshold">dist_threshold (prefill), or τ (decode margins).</param>
/// <param name="PValue">The binomial tail P(X ≥ n_mismatch).</param>
/// <param name="Basis">What the counts rest on (verified vectors, the node's word, its per_nonce scores), or null.</param>
/// <param name="ThresholdName">How the threshold is named: empty for dist_threshold, "τ " for decode margins.</param>
internal sealed record JudgedCounts(int NMismatch, int NTotal, double Threshold, double PValue, string? Basis, string ThresholdName = "")
{
    /// <summary>Gets the counts as a phrase: "15 of 32 nonces beyond 0.2 (p 1.0e-17)".</summary>
    public string Line => string.Create(CultureInfo.InvariantCulture, $"{NMismatch} of {NTotal} nonces beyond {ThresholdName}{Threshold} (p {PValueText.Format(PValue)})");

    /// <summary>Gets the counts in a table cell's width: "15/32 beyond 0.2, p 1.0e-17".</summary>
    public string Brief => string.Create(CultureInfo.InvariantCulture, $"{NMismatch}/{NTotal} beyond {ThresholdName}{Threshold}, p {PValueText.Format(PValue)}");
}
