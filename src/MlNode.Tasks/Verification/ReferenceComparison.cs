using System.Globalization;
using MlNode.Tasks.Common;
using MlNode.Tasks.PoC;
using MlNode.Tasks.References;

namespace MlNode.Tasks.Verification;

/// <summary>
/// Two golden references of one model compared offline: their distance per nonce under the stat test, whether each
/// would judge the other fraud, and the anatomy of their mismatches. No node is contacted.
/// </summary>
internal static class ReferenceComparison
{
    /// <summary>The comparison, as console lines.</summary>
    /// <param name="from">The first reference.</param>
    /// <param name="to">The second.</param>
    /// <param name="statTest">The stat test (the first reference's, with CLI overrides).</param>
    /// <exception cref="InputException">The references are of different models or PoC inputs, or share no nonce.</exception>
    public static IReadOnlyList<string> Render(GoldenReference from, GoldenReference to, StatTestParameters statTest)
    {
        ArgumentNullException.ThrowIfNull(from);
        ArgumentNullException.ThrowIfNull(to);
        ArgumentNullException.ThrowIfNull(statTest);
        var (a, b) = (from.Header, to.Header);
        if (a.Model != b.Model)
        {
            throw new InputException($"--from is a reference of {a.Model} and --to of {b.Model}: only references of one model compare; pass two references of the same model");
        }

        if (a.Scheme == PocScheme.Decode || b.Scheme == PocScheme.Decode)
        {
            throw new InputException(
                "--from or --to is a decode reference: Compare measures the L2 distance of prefill vectors, and decode trajectories are only judged by a node re-running them; " +
                "compare decode hardware with --target=CrossCheck under the decode reference");
        }

        if (a.Poc != b.Poc)
        {
            throw new InputException($"--from and --to were recorded under different PoC inputs (seq_len, k_dim, block_hash, public_key, node ids): their vectors are not comparable");
        }

        var local = LocalJudgement.Of(from.Vectors, to.Vectors, statTest);
        if (local.NTotal == 0)
        {
            throw new InputException("--from and --to hold no nonce in common; nothing to compare");
        }

        var summary = PairDistances.Summarize(local.Distances, statTest.DistThreshold);
        var lines = new List<string>
        {
            $"Compare references of {a.Model} (no node contacted)",
            $"  from: {Describe(a)}",
            $"  to:   {Describe(b)}",
            Invariant($"  stat test: dist_threshold={statTest.DistThreshold} p_mismatch={statTest.PMismatch} fraud_threshold={statTest.FraudThreshold}"),
            Invariant($"  distances over {local.NTotal} common nonces: median {summary.Median:0.####}, p99 {summary.P99:0.####}, max {summary.Max:0.####}"),
            Invariant($"  beyond {statTest.DistThreshold}: {local.NMismatch} of {local.NTotal}, p {local.Outcome.PValue:G4}: ") +
                Invariant($"{(local.Outcome.FraudDetected ? "each would judge the other FAIL (fraud)" : local.NMismatch > 0 ? "within the stat test's tolerance" : "they agree")}"),
        };
        if (!a.AdditionalArgs.SequenceEqual(b.AdditionalArgs, StringComparer.Ordinal))
        {
            lines.Add($"  deploy args differ: {OutsideText.LogLine(Difference(a.AdditionalArgs, b.AdditionalArgs))}");
        }

        var anatomy = MismatchAnatomy.Of(new AnatomyInput(local.Distances.Select(d => d.Nonce).ToList(), local.MismatchNonces, statTest.DistThreshold, local.Distances, null, a.CollectionBatchSize
            ?? b.CollectionBatchSize));
        if (anatomy is not null)
        {
            lines.Add($"  why: {anatomy.Line}");
        }

        return lines;
    }

    private static string Describe(ReferenceHeader reference) => Invariant(
        $"{OutsideText.LogLine(reference.FilePath ?? reference.Label)} ({reference.Count} vectors, ") +
            Invariant($"collection_batch_size {(reference.CollectionBatchSize?.ToString(CultureInfo.InvariantCulture) ?? "unset")})");

    // The flags whose values differ, or that only one side has: "--max-num-batched-tokens 65536 vs 16384".
    private static string Difference(IReadOnlyList<string> a, IReadOnlyList<string> b)
    {
        static Dictionary<string, string> Flags(IReadOnlyList<string> args)
        {
            var flags = new Dictionary<string, string>(StringComparer.Ordinal);
            for (var i = 0; i < args.Count; i++)
            {
                if (args[i].StartsWith("--", StringComparison.Ordinal))
                {
                    var split = args[i].Split('=', 2);
                    flags[split[0]] = split.Length == 2 ? split[1] : i + 1 < args.Count && !args[i + 1].StartsWith("--", StringComparison.Ordinal) ? args[i + 1] : string.Empty;
                }
            }

            return flags;
        }

        var (fa, fb) = (Flags(a), Flags(b));
        var differing = fa.Keys.Union(fb.Keys).Order(StringComparer.Ordinal)
            .Where(k => !fa.TryGetValue(k, out var va) || !fb.TryGetValue(k, out var vb) || va != vb)
            .Select(k => $"{k} {(fa.TryGetValue(k, out var x) ? x : "(absent)")} vs {(fb.TryGetValue(k, out var y) ? y : "(absent)")}");
        return string.Join("; ", differing);
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
