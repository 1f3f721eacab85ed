using System.Globalization;
using MlNode.Tasks.Client;
using MlNode.Tasks.Client.Wire;
using MlNode.Tasks.Common;
using MlNode.Tasks.PoC;
using MlNode.Tasks.Reports;
using MlNode.Tasks.Verification;

namespace MlNode.Tasks.Phases;

/// <summary>
/// [4/4] validate under decode PoC (decode-poc.md): sends the reference's trajectories with the stat test; the node re-runs
/// each one teacher-forced and scores it. Its verdict is believed only as far as its own per_nonce scores support it:
/// the decode rule and the binomial test are recomputed here from them.
/// </summary>
internal static class DecodeValidatePhase
{
    /// <summary>Runs the phase's decode part, once <see cref="ValidatePhase"/> has recorded what is sent and stopped leftover generation.</summary>
    public static async Task RunAsync(PhaseContext context, ValidationPlan plan, ValidationSection section, IReadOnlyList<long> nonces)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(section);
        ArgumentNullException.ThrowIfNull(nonces);
        var reference = plan.Reference;
        var statTest = plan.StatTest;
        var timeout = context.Target.Timing.ValidationTimeout.Value;
        var reply = await ValidationCall.SendAsync(context, context.Target.Model, reference.Poc, nonces, section.BatchSize, null, reference.Trajectories, statTest, timeout).ConfigureAwait(false);
        var judgement = Judge(reply, nonces, statTest, section, line => context.Log.Line("  " + line));
        context.Log.Line(string.Create(
            CultureInfo.InvariantCulture,
            $"  recomputed from its per_nonce scores: {judgement.NMismatch}/{judgement.NTotal} nonces beyond τ={statTest.DistThreshold} (largest margin {Largest(judgement):G4}); ") +
            "its verdict agrees with its scores (the scores themselves are the node's word)");
        if (judgement.Excluded.Count > 0)
        {
            var which = string.Join(", ", judgement.Excluded.Take(10));
            context.Log.Warning($"the node could not score {judgement.Excluded.Count} of {nonces.Count} nonces ({which}); the verdict is on the {judgement.NTotal} it scored");
        }

    }

    /// <summary>
    /// Reads a decode validation reply into <paramref name="section"/>, checks it against what was sent, and recomputes its
    /// verdict from its per_nonce: the one rule for believing a node's decode verdict.
    /// </summary>
    /// <exception cref="PhaseFailedException">The node does not speak decode, or its reply is incoherent or contradicts its scores.</exception>
    public static DecodeJudgement Judge(NodeReply reply, IReadOnlyList<long> nonces, StatTestParameters statTest, ValidationSection section, Action<string>? log = null)
    {
        ArgumentNullException.ThrowIfNull(reply);
        ArgumentNullException.ThrowIfNull(nonces);
        ArgumentNullException.ThrowIfNull(section);
        var wire = reply.As<GenerateWire>();
        if (wire.PerNonce is not { } perNonce)
        {
            section.Response = reply.Body;
            throw DecodeRefusal.Missing("per_nonce (each nonce's decode scores)");
        }

        // The scores are read and checked first: a reply that excludes too much, or scores what cannot be, is said as such
        // before its summary is compared with what was sent.
        var excluded = wire.ExcludedNonces ?? [];
        var judgement = DecodeJudgement.Of(perNonce, excluded, statTest);
        section.Decode = judgement;
        var problems = judgement.Problems(nonces);
        if (wire.NExcluded is { } count && count != excluded.Count)
        {
            problems = [.. problems, $"n_excluded={count} but excluded_nonces lists {excluded.Count}"];
        }

        if (problems.Count > 0)
        {
            section.Response = reply.Body;
            section.Coherent = false;
            throw new PhaseFailedException(
                $"the node's decode validation reply is incoherent ({string.Join("; ", problems)}); it cannot be trusted, so no verdict is given -- check the node's software version");
        }

        ValidatePhase.Judge(reply, [.. nonces.Except(excluded)], statTest, section, log);

        if (judgement.Contradiction(section.NMismatch, reply.Body["mismatch_nonces"] is not null ? section.MismatchNonces : null) is { } contradiction)
        {
            section.Contradiction = contradiction;
            throw new PhaseFailedException(
                $"the node's verdict contradicts its own per_nonce scores: {contradiction}; no verdict is given -- " +
                "the node (or a proxy in front of it) reports a validation its scores do not support");
        }

        return judgement;
    }

    private static double Largest(DecodeJudgement judgement) => judgement.Scores.Count == 0 ? 0 : judgement.Scores.Max(s => s.MarginMax);
}
