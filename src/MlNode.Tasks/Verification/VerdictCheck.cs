using System.Globalization;

namespace MlNode.Tasks.Verification;

/// <summary>
/// Whether a node's verdict agrees with its own vectors. The node's validation recomputes the nonces in the batches it
/// was told to use, and the tool's generation call asks for the same nonces in the same batches, so an honest node
/// gives the same vectors twice. Only a nonce whose distance lies within <see cref="Margin"/> of the threshold may
/// land on either side (GPU kernels are not bit-for-bit repeatable: about 1e-3 on the same configuration), so the
/// node's count must lie between the nonces clearly beyond and those not clearly within, and its list must name every
/// nonce clearly beyond and none clearly within.
/// </summary>
internal static class VerdictCheck
{
    /// <summary>How close to the threshold a distance may be and still fall either way: 5 % of it, at least 0.005.</summary>
    public static double Margin(double threshold) => Math.Max(0.005, 0.05 * threshold);

    /// <summary>Null when the node's counts agree with <paramref name="local"/>; otherwise what contradicts what, in one line.</summary>
    /// <param name="local">The tool's judgement of the node's own vectors.</param>
    /// <param name="reportedMismatches">The node's n_mismatch.</param>
    /// <param name="reportedNonces">The node's mismatch_nonces, or null when it sent none.</param>
    public static string? Contradiction(LocalJudgement local, int reportedMismatches, IReadOnlyList<long>? reportedNonces)
    {
        ArgumentNullException.ThrowIfNull(local);
        var threshold = local.StatTest.DistThreshold;
        var margin = Margin(threshold);
        var clearlyBeyond = local.Distances.Where(d => !double.IsFinite(d.Distance) || d.Distance > threshold + margin).Select(d => d.Nonce).ToList();
        var notClearlyWithin = local.Distances.Where(d => !double.IsFinite(d.Distance) || d.Distance > threshold - margin).Select(d => d.Nonce).ToHashSet();
        var problems = new List<string>();
        if (reportedMismatches < clearlyBeyond.Count || reportedMismatches > notClearlyWithin.Count)
        {
            problems.Add(string.Create(CultureInfo.InvariantCulture, $"it reported {reportedMismatches}/{local.NTotal} mismatches, " +
                $"its vectors are {local.NMismatch}/{local.NTotal} beyond {threshold}"));
        }

        if (reportedNonces is not null)
        {
            var listed = reportedNonces.ToHashSet();
            var missed = clearlyBeyond.Where(n => !listed.Contains(n)).Take(5).ToList();
            var wrong = reportedNonces.Where(n => !notClearlyWithin.Contains(n)).Take(5).ToList();
            if (missed.Count > 0)
            {
                problems.Add($"its list leaves out nonces its vectors put beyond the threshold ({string.Join(", ", missed)})");
            }

            if (wrong.Count > 0)
            {
                problems.Add($"its list names nonces its vectors put within the threshold ({string.Join(", ", wrong)})");
            }
        }

        return problems.Count == 0 ? null : string.Join("; ", problems);
    }
}
