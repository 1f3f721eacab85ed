using System.Globalization;
using MlNode.Tasks.Client.Wire;
using MlNode.Tasks.PoC;
using MlNode.Tasks.PoC.Decode;

namespace MlNode.Tasks.Verification;

/// <summary>One nonce's decode scores as the node reported them, and the decode rule applied here.</summary>
/// <param name="Nonce">The nonce.</param>
/// <param name="Steps">n_steps, or null when the node did not say.</param>
/// <param name="MismatchingSteps">m: the steps where the node's value differs from the prover's.</param>
/// <param name="MarginMax">d: the largest claimed margin among them.</param>
/// <param name="NodeSays">The node's own per-nonce word (<c>mismatch</c>), or null when it did not say.</param>
/// <param name="Mismatch">The rule applied here: m &gt; 0 and d &gt; τ.</param>
internal sealed record DecodeNonceScore(long Nonce, int? Steps, int MismatchingSteps, double MarginMax, bool? NodeSays, bool Mismatch);

/// <summary>
/// The decode test recomputed here from the node's <c>per_nonce</c> scores (decode-poc.md): which nonces mismatch at τ,
/// the binomial test on that count, whether the node's summary and per-nonce words agree with it, and what the
/// mismatches look like.
/// </summary>
/// <param name="Scores">Every scored nonce, in nonce order.</param>
/// <param name="StatTest">The stat test (dist_threshold is τ, a margin).</param>
/// <param name="Excluded">The nonces the node could not score.</param>
internal sealed record DecodeJudgement(IReadOnlyList<DecodeNonceScore> Scores, StatTestParameters StatTest, IReadOnlyList<long> Excluded)
{
    // A substituted step's margin is the gap between a random point and the best one: tenths, not thousandths.
    private const double SubstitutionFactor = 4;

    /// <summary>Gets the nonces that mismatch under the rule.</summary>
    public IReadOnlyList<long> MismatchNonces { get; } = [.. Scores.Where(s => s.Mismatch).Select(s => s.Nonce)];

    /// <summary>Gets how many nonces were scored.</summary>
    public int NTotal => Scores.Count;

    /// <summary>Gets how many mismatch.</summary>
    public int NMismatch => MismatchNonces.Count;

    /// <summary>Gets the margins of the nonces with a differing step, binned around τ.</summary>
    public IReadOnlyList<MarginBin> Histogram { get; } = MarginHistogram.Of(Scores.Where(s => s.MismatchingSteps > 0).Select(s => s.MarginMax), StatTest.DistThreshold);

    /// <summary>Gets the share of all scored steps that differ (0 when the node gave no step counts).</summary>
    public double StepMismatchShare { get; } = Scores.Sum(s => s.Steps ?? 0) is > 0 and var steps ? Scores.Sum(s => s.MismatchingSteps) / (double)steps : 0;

    /// <summary>Gets the binomial test on the recomputed count.</summary>
    public FraudTestOutcome Outcome => StatTest.Evaluate(NMismatch, NTotal);

    /// <summary>Reads a reply's per_nonce, applying the rule at τ = <paramref name="statTest"/>.DistThreshold.</summary>
    public static DecodeJudgement Of(IReadOnlyList<PerNonceWire> perNonce, IReadOnlyList<long> excluded, StatTestParameters statTest)
    {
        ArgumentNullException.ThrowIfNull(perNonce);
        ArgumentNullException.ThrowIfNull(statTest);
        var scores = perNonce
            .Select(p => new DecodeNonceScore(
                p.Nonce,
                p.NSteps,
                p.NSphereMismatches,
                p.MismatchMarginMax,
                p.Mismatch,
                DecodeCodebook.IsMismatch(p.NSphereMismatches, p.MismatchMarginMax, statTest.DistThreshold)))
            .OrderBy(s => s.Nonce)
            .ToList();
        return new DecodeJudgement(scores, statTest, excluded ?? []);
    }

    /// <summary>What in the scores themselves cannot be: nonces not sent or listed twice, counts outside their range, sent nonces never scored.</summary>
    public IReadOnlyList<string> Problems(IReadOnlyList<long> sent)
    {
        ArgumentNullException.ThrowIfNull(sent);
        var problems = new List<string>();
        var sentSet = sent.ToHashSet();
        var listed = Scores.Select(s => s.Nonce).Concat(Excluded).ToList();
        var foreign = listed.Where(n => !sentSet.Contains(n)).Take(5).ToList();
        if (foreign.Count > 0)
        {
            problems.Add($"per_nonce scores nonces that were never sent: {string.Join(", ", foreign)}");
        }

        if (listed.Distinct().Count() != listed.Count)
        {
            problems.Add("per_nonce and excluded_nonces list a nonce twice");
        }

        var unscored = sent.Except(listed).Take(5).ToList();
        if (unscored.Count > 0)
        {
            problems.Add($"per_nonce has no score for nonce {string.Join(", ", unscored)} (and it is not excluded)");
        }

        // The plugin scores every nonce it can and aborts (503) past max(1, 10 %) unscored: a reply that excludes more
        // still claims a verdict the rule does not give, on too few nonces to mean anything.
        if (Excluded.Count > Math.Max(1, 0.1 * sent.Count))
        {
            problems.Add(Invariant($"it excluded {Excluded.Count} of {sent.Count} nonces, more than the max(1, 10 %) the plugin scores a verdict with"));
        }

        if (Scores.FirstOrDefault(Impossible) is { } odd)
        {
            var steps = odd.Steps?.ToString(CultureInfo.InvariantCulture) ?? "absent";
            problems.Add(Invariant($"per_nonce of nonce {odd.Nonce} is impossible (n_sphere_mismatches={odd.MismatchingSteps}, n_steps={steps}, mismatch_margin_max={odd.MarginMax})"));
        }

        return problems;
    }

    /// <summary>
    /// Where the node's verdict disagrees with its own per_nonce under the rule (its summary counts, its mismatch list,
    /// its per-nonce words), or null when it agrees.
    /// </summary>
    public string? Contradiction(int reportedMismatches, IReadOnlyList<long>? reportedNonces)
    {
        var parts = new List<string>();
        if (reportedMismatches != NMismatch)
        {
            parts.Add(Invariant(
                $"it reports n_mismatch={reportedMismatches}, but its per_nonce scores put {NMismatch} of {NTotal} nonces beyond τ={StatTest.DistThreshold} ") +
                    Invariant($"(some step differs with a margin above τ)"));
        }

        if (reportedNonces is not null && !reportedNonces.ToHashSet().SetEquals(MismatchNonces))
        {
            var missing = MismatchNonces.Except(reportedNonces).Take(5).ToList();
            var extra = reportedNonces.Except(MismatchNonces).Take(5).ToList();
            var wrong = new List<string>();
            if (missing.Count > 0)
            {
                wrong.Add($"leave out {string.Join(", ", missing)}");
            }

            if (extra.Count > 0)
            {
                wrong.Add($"name {string.Join(", ", extra)}, which its scores do not put beyond τ");
            }

            parts.Add("its mismatch_nonces " + string.Join(" and ", wrong));
        }

        if (Scores.FirstOrDefault(s => s.NodeSays is { } says && says != s.Mismatch) is { } word)
        {
            var says = word.NodeSays!.Value ? "true" : "false";
            var rule = word.Mismatch ? "true" : "false";
            parts.Add(Invariant(
                $"its per_nonce says mismatch={says} for nonce {word.Nonce}, whose scores (m={word.MismatchingSteps}, d={word.MarginMax:G4}) say {rule} at τ={StatTest.DistThreshold}"));
        }

        return parts.Count == 0 ? null : string.Join("; ", parts);
    }

    /// <summary>
    /// What the mismatches look like: substituted trajectories (margins far above τ, most steps differing: the pattern of
    /// a prover that did not run the model) or near ties (margins just above τ on a few steps: honest hardware and a τ
    /// too tight for it); null without mismatches.
    /// </summary>
    public DecodePattern? Cause()
    {
        var mismatching = Scores.Where(s => s.Mismatch).ToList();
        if (mismatching.Count == 0)
        {
            return null;
        }

        var margin = Median(mismatching.Select(s => s.MarginMax));
        var share = Median(mismatching.Select(s => s.Steps is > 0 and var n ? s.MismatchingSteps / (double)n : 0));
        var tau = StatTest.DistThreshold;
        return margin > SubstitutionFactor * tau || share > 0.25
            ? new DecodePattern(
                DecodePattern.Substituted,
                Invariant($"on the mismatching nonces a median {share:P0} of steps differ, with a median margin of {margin:G3} ({margin / tau:0.#}x τ): ") +
                "the pattern of a prover that did not run the model, or of a reference recorded under another model or PoC inputs",
                "treat the node as dishonest until its operator explains it; check that the reference was recorded for this model and these PoC inputs")
            : new DecodePattern(
                DecodePattern.NearTies,
                Invariant($"on the mismatching nonces a median {share:P1} of steps differ, with a median margin of {margin:G3} (within {SubstitutionFactor}x τ={tau}): ") +
                "how honest GPUs of different classes disagree; τ may be too tight for this hardware pair",
                "compare the hardware classes with --target=CrossCheck and read its τ table before calling the node dishonest");
    }

    // Scores no node can have computed: counts outside their range, or a margin without a differing step.
    private static bool Impossible(DecodeNonceScore s) =>
        s.MismatchingSteps < 0 || s.Steps is <= 0 || (s.Steps is { } n && s.MismatchingSteps > n) || double.IsNaN(s.MarginMax) || s.MarginMax < 0 || (s.MismatchingSteps == 0 && s.MarginMax > 0);

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.OrderBy(v => v).ToList();
        return sorted.Count == 0 ? 0 : sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
