namespace MlNode.Tasks.Verification;

/// <summary>How far two sets of vectors are apart.</summary>
/// <param name="Compared">How many nonces both hold.</param>
/// <param name="Median">The median distance (null when none compared).</param>
/// <param name="P99">The 99th percentile.</param>
/// <param name="Max">The largest distance.</param>
/// <param name="AboveNonces">The nonces farther apart than the threshold.</param>
/// <param name="Threshold">The dist_threshold compared against.</param>
internal sealed record DistanceSummary(int Compared, double? Median, double? P99, double? Max, IReadOnlyList<long> AboveNonces, double Threshold)
{
    /// <summary>Gets how many nonces are farther apart than the threshold.</summary>
    public int Above => AboveNonces.Count;
}
