using System.Globalization;
using MlNode.Tasks.PoC;

namespace MlNode.Tasks.Verification;

/// <summary>
/// Mismatches concentrated on one position in a batch: every nonce <c>n</c> with <c>n mod Batch == Residue</c>.
/// </summary>
/// <param name="Batch">The batch size whose stride the mismatches follow.</param>
/// <param name="Residue">The position in the batch (0: the first nonce of each batch).</param>
/// <param name="OnStride">Mismatches on that position.</param>
/// <param name="Mismatches">Mismatches in all.</param>
/// <param name="StrideNonces">Nonces compared on that position.</param>
/// <param name="Compared">Nonces compared in all.</param>
/// <param name="PValue">The exact binomial p-value of that many on the stride if mismatches fell anywhere (Bonferroni-adjusted over every batch and position tried).</param>
internal sealed record BatchStride(int Batch, int Residue, int OnStride, int Mismatches, int StrideNonces, int Compared, double PValue)
{
    /// <summary>The batch sizes always tried besides the node's and the reference's: the PoC plugin's usual batches.</summary>
    public static IReadOnlyList<int> UsualBatches { get; } = [8, 16, 32, 64];

    /// <summary>Mismatches off the stride.</summary>
    public int Rest => Mismatches - OnStride;

    /// <summary>Nonces off the stride.</summary>
    public int RestNonces => Compared - StrideNonces;

    /// <summary>The summary line: e.g. "63 of 117 mismatches are the first nonce of a batch of 16".</summary>
    public string Line => string.Create(
        CultureInfo.InvariantCulture,
        $"{OnStride} of {Mismatches} mismatches are the {(Residue == 0 ? "first nonce" : $"nonce at position {Residue}")} of a batch of {Batch} (p {PValue:G3} if mismatches fell anywhere); " +
        $"without them {Rest} of {RestNonces} ({100.0 * Rest / Math.Max(1, RestNonces):0.0} %)");

    /// <summary>The most significant stride among the candidate batch sizes, or null when none stands out.</summary>
    /// <param name="compared">Every nonce compared.</param>
    /// <param name="mismatches">The nonces that mismatched.</param>
    /// <param name="batches">Batch sizes to try (the node's, the reference's, the usual ones).</param>
    public static BatchStride? Find(IReadOnlyCollection<long> compared, IReadOnlyCollection<long> mismatches, IEnumerable<int> batches)
    {
        ArgumentNullException.ThrowIfNull(compared);
        ArgumentNullException.ThrowIfNull(mismatches);
        ArgumentNullException.ThrowIfNull(batches);
        if (mismatches.Count < 3 || compared.Count == 0)
        {
            return null;
        }

        var candidates = batches.Where(b => b > 1 && b * 2 <= compared.Count).Distinct().Order().ToList();
        var tests = candidates.Sum();
        BatchStride? best = null;
        foreach (var batch in candidates)
        {
            var onPosition = new int[batch];
            var noncesOnPosition = new int[batch];
            foreach (var n in compared)
            {
                noncesOnPosition[(int)(((n % batch) + batch) % batch)]++;
            }

            foreach (var n in mismatches)
            {
                onPosition[(int)(((n % batch) + batch) % batch)]++;
            }

            for (var residue = 0; residue < batch; residue++)
            {
                var share = (double)noncesOnPosition[residue] / compared.Count;
                var p = Math.Min(1, BinomialTail.UpperTail(onPosition[residue], mismatches.Count, share) * tests);
                if (best is null || p < best.PValue)
                {
                    best = new BatchStride(batch, residue, onPosition[residue], mismatches.Count, noncesOnPosition[residue], compared.Count, p);
                }
            }
        }

        // A stride is a strong concentration: far beyond chance, and at least a third of the mismatches (three or more).
        return best is { PValue: < 1e-6 } && best.OnStride >= 3 && best.OnStride * 3 >= best.Mismatches ? best : null;
    }
}
