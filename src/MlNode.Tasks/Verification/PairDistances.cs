using MlNode.Tasks.PoC;
using MlNode.Tasks.References;

namespace MlNode.Tasks.Verification;

/// <summary>
/// The L2 distance per nonce between two sets of vectors for the same nonces, and its distribution against the
/// threshold: the margin is visible even where no fraud test fires (a pair at a median of 0.40 against 0.44 is
/// one driver update from being voted invalid).
/// </summary>
internal static class PairDistances
{
    /// <summary>The distance of every nonce both sets hold, in nonce order.</summary>
    public static IReadOnlyList<NonceDistance> PerNonce(IReadOnlyList<ReferenceVector> first, IReadOnlyList<ReferenceVector> second)
    {
        ArgumentNullException.ThrowIfNull(first);
        ArgumentNullException.ThrowIfNull(second);
        var byNonce = new Dictionary<long, ReferenceVector>(second.Count);
        foreach (var vector in second)
        {
            byNonce.TryAdd(vector.Nonce, vector);
        }

        return first
            .Where(v => byNonce.ContainsKey(v.Nonce))
            .Select(v => new NonceDistance(v.Nonce, Distance(v, byNonce[v.Nonce])))
            .OrderBy(d => d.Nonce)
            .ToList();
    }

    /// <summary>The distribution of <paramref name="distances"/> and the nonces beyond <paramref name="threshold"/>.</summary>
    public static DistanceSummary Summarize(IReadOnlyList<NonceDistance> distances, double threshold)
    {
        ArgumentNullException.ThrowIfNull(distances);
        var statTest = new StatTestParameters(threshold, 0.5, 0.5);
        var above = distances.Where(d => statTest.IsMismatch(d.Distance)).Select(d => d.Nonce).ToList();
        var sorted = distances.Select(d => d.Distance).Where(double.IsFinite).Order().ToList();
        return new DistanceSummary(
            distances.Count,
            Percentile(sorted, 0.5),
            Percentile(sorted, 0.99),
            distances.Count == 0 ? null : distances.Max(d => double.IsFinite(d.Distance) ? d.Distance : double.MaxValue),
            above,
            threshold);
    }

    // A vector that does not decode to k_dim finite values is as far as a vector can be: a mismatch, never a pass.
    private static double Distance(ReferenceVector a, ReferenceVector b) =>
        a.Values.Length == b.Values.Length && a.Values.Length > 0 ? VectorMath.Distance(a.Values, b.Values) : double.PositiveInfinity;

    // Nearest rank: the smallest value with at least that share of the values at or below it.
    private static double? Percentile(List<double> sorted, double share) =>
        sorted.Count == 0 ? null : sorted[Math.Clamp((int)Math.Ceiling(share * sorted.Count) - 1, 0, sorted.Count - 1)];
}
