namespace MlNode.Tasks.PoC.Decode;

/// <summary>The decode scheme's fixed facts (decode-poc.md): 16 codebook points, so a step's value is in 0..15.</summary>
internal static class DecodeCodebook
{
    /// <summary>The number of codebook points.</summary>
    public const int Points = 16;

    /// <summary>The claimed margin a step gets when the prover's value is no codebook index.</summary>
    public const double OutOfRangeMargin = 2.0;

    /// <summary>Gets whether a step value names a codebook point.</summary>
    public static bool IsPoint(int value) => value is >= 0 and < Points;

    /// <summary>
    /// The decode test's per-nonce rule: a nonce is a mismatch iff some step disagrees and the largest claimed margin
    /// among the disagreeing steps is strictly above τ (a margin, not an L2 distance).
    /// </summary>
    public static bool IsMismatch(int mismatchingSteps, double marginMax, double tau) =>
        mismatchingSteps > 0 && (!double.IsFinite(marginMax) || marginMax > tau);
}
