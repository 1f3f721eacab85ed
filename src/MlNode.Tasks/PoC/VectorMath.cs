namespace MlNode.Tasks.PoC;

/// <summary>The distance and norm the per-nonce mismatch test is built on.</summary>
internal static class VectorMath
{
    /// <summary>Euclidean length of a vector.</summary>
    public static double Norm(ReadOnlySpan<float> values)
    {
        double sum = 0;
        foreach (var v in values)
        {
            sum += (double)v * v;
        }

        return Math.Sqrt(sum);
    }

    /// <summary>
    /// L2 distance between a recomputed and a received vector. A received vector with any non-finite value
    /// has no meaningful distance: it is reported as positive infinity, which every threshold rejects.
    /// </summary>
    public static double Distance(ReadOnlySpan<float> recomputed, ReadOnlySpan<float> received)
    {
        if (recomputed.Length != received.Length)
        {
            return double.PositiveInfinity;
        }

        double sum = 0;
        for (var i = 0; i < received.Length; i++)
        {
            if (!float.IsFinite(received[i]))
            {
                return double.PositiveInfinity;
            }

            var d = (double)recomputed[i] - received[i];
            sum += d * d;
        }

        return Math.Sqrt(sum);
    }

    /// <summary>True when every value is finite.</summary>
    public static bool AllFinite(ReadOnlySpan<float> values)
    {
        foreach (var v in values)
        {
            if (!float.IsFinite(v))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>True for a vector that carries no direction: all zero, or every component the same.</summary>
    public static bool IsDegenerate(IReadOnlyList<float> vector)
    {
        ArgumentNullException.ThrowIfNull(vector);
        return vector.Count == 0 || vector.All(v => v == vector[0]);
    }
}
