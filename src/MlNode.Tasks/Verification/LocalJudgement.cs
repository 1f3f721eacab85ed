using MlNode.Tasks.PoC;
using MlNode.Tasks.References;

namespace MlNode.Tasks.Verification;

/// <summary>
/// The fraud test computed here, not on the node: each nonce's L2 distance between the vectors expected (the golden,
/// or a generator's) and the vectors the node itself computes for the same nonces, judged by the same stat test.
/// </summary>
/// <param name="Distances">Every compared nonce's distance, in nonce order (infinity where a vector is unusable).</param>
/// <param name="StatTest">The stat test applied.</param>
/// <param name="MismatchNonces">The nonces beyond the threshold.</param>
/// <param name="Outcome">The binomial test on those counts.</param>
internal sealed record LocalJudgement(IReadOnlyList<NonceDistance> Distances, StatTestParameters StatTest, IReadOnlyList<long> MismatchNonces, FraudTestOutcome Outcome)
{
    /// <summary>Gets how many nonces were compared.</summary>
    public int NTotal => Distances.Count;

    /// <summary>Gets how many are beyond the threshold.</summary>
    public int NMismatch => MismatchNonces.Count;

    /// <summary>Judges <paramref name="computed"/> (the node's own vectors) against <paramref name="expected"/>.</summary>
    public static LocalJudgement Of(IReadOnlyList<ReferenceVector> expected, IReadOnlyList<ReferenceVector> computed, StatTestParameters statTest)
    {
        ArgumentNullException.ThrowIfNull(statTest);
        var distances = PairDistances.PerNonce(expected, computed);
        return Of(distances, statTest);
    }

    /// <summary>Judges distances already computed (a cross-check reuses its matrix's).</summary>
    public static LocalJudgement Of(IReadOnlyList<NonceDistance> distances, StatTestParameters statTest)
    {
        ArgumentNullException.ThrowIfNull(distances);
        ArgumentNullException.ThrowIfNull(statTest);
        var mismatches = distances.Where(d => statTest.IsMismatch(d.Distance)).Select(d => d.Nonce).ToList();
        return new LocalJudgement(distances, statTest, mismatches, statTest.Evaluate(mismatches.Count, distances.Count));
    }
}
