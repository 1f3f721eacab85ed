namespace MlNode.Tasks.PoC;

/// <summary>How close a run came to being judged fraud: the mismatch count at which the node's binomial test fires.</summary>
internal static class FraudMargin
{
    /// <summary>
    /// The smallest k with P(X ≥ k) below <paramref name="fraudThreshold"/> under Binomial(n, p): k mismatches of n would
    /// be judged fraud, k − 1 would not. Null when even n mismatches would pass (tiny n).
    /// </summary>
    public static int? FiringCount(int n, double pMismatch, double fraudThreshold)
    {
        if (n <= 0 || BinomialTail.UpperTail(n, n, pMismatch) >= fraudThreshold)
        {
            return null;
        }

        // The tail falls as k grows: binary search for the first k below the threshold.
        int low = 0, high = n;
        while (low < high)
        {
            var mid = (low + high) / 2;
            if (BinomialTail.UpperTail(mid, n, pMismatch) < fraudThreshold)
            {
                high = mid;
            }
            else
            {
                low = mid + 1;
            }
        }

        return low;
    }
}
