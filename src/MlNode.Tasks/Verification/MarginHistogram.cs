using MlNode.Tasks.PoC.Decode;

namespace MlNode.Tasks.Verification;

/// <summary>One bin of a margin histogram.</summary>
/// <param name="From">Its lower edge.</param>
/// <param name="To">Its upper edge (exclusive; the last bin holds everything beyond).</param>
/// <param name="Count">How many margins fall in it.</param>
internal sealed record MarginBin(double From, double To, int Count);

/// <summary>
/// The spread of claimed margins (mismatch_margin_max of the nonces with a differing step) in bins of τ/4, so that τ is
/// always an edge: the bins left of it hold honest near ties, those right of it the mismatches.
/// </summary>
internal static class MarginHistogram
{
    private const int BinsPerTau = 4;
    private const int MaxBins = 40;

    /// <summary>Bins the margins; empty when there are none. Margins beyond the last bin (e.g. 2.0 for an out-of-range value) land in it.</summary>
    public static IReadOnlyList<MarginBin> Of(IEnumerable<double> margins, double tau)
    {
        ArgumentNullException.ThrowIfNull(margins);
        var values = margins.Where(m => !double.IsNaN(m)).ToList();
        if (values.Count == 0 || tau <= 0)
        {
            return [];
        }

        var width = tau / BinsPerTau;
        var largest = Math.Min(values.Max(), DecodeCodebook.OutOfRangeMargin);
        var bins = Math.Clamp((int)Math.Floor(largest / width) + 1, BinsPerTau + 1, MaxBins);
        var counts = new int[bins];
        foreach (var value in values)
        {
            counts[Math.Clamp((int)Math.Floor(value / width), 0, bins - 1)]++;
        }

        return [.. counts.Select((c, i) => new MarginBin(Math.Round(i * width, 9), Math.Round((i + 1) * width, 9), c))];
    }
}
