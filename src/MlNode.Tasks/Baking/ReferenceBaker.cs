using System.Globalization;
using MlNode.Tasks.Client.Wire;
using MlNode.Tasks.Common;
using MlNode.Tasks.Phases;
using MlNode.Tasks.PoC;
using MlNode.Tasks.References;

namespace MlNode.Tasks.Baking;

/// <summary>
/// Bakes a golden reference from a node that serves the model: asks for nonces 0..N-1 (wait=true, no validation),
/// checks that every nonce came back exactly once with a decodable finite vector (or, under decode, a trajectory of
/// codebook indices), and, unless told not to, has the same node validate its own work: a reference its own node
/// cannot reproduce is worthless and is not written.
/// </summary>
internal static class ReferenceBaker
{
    /// <summary>Bakes and verifies the reference; nothing is written here.</summary>
    /// <exception cref="PhaseFailedException">The node's answer is incomplete, invalid or not reproducible.</exception>
    public static async Task<GoldenReference> BakeAsync(PhaseContext context, BakeSettings settings, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(settings);
        var model = settings.Target.Model;
        var poc = settings.Poc;
        var nonces = Enumerable.Range(0, settings.NumNonces).Select(n => (long)n).ToList();
        var batch = settings.BatchSize is { } b ? b.ToString(CultureInfo.InvariantCulture) : "not sent (the node's default batch)";
        var scheme = poc.MaxTokens is { } steps ? $" scheme=decode max_tokens={steps.ToString(CultureInfo.InvariantCulture)}" : string.Empty;
        context.Log.Line($"  requesting {nonces.Count} nonces (0..{nonces.Count - 1}) seq_len={poc.SeqLen} k_dim={poc.KDim}{scheme} batch_size={batch}");
        if (settings.BatchSize is not null)
        {
            context.Log.Warning(
                $"--batch-size={settings.BatchSize} is sent: vectors computed at a batch other than the node's default differ on every nonce; " +
                "the reference records it as collection_batch_size so validation reproduces it");
        }

        List<ReferenceVector> vectors = [];
        List<ReferenceTrajectory> trajectories = [];
        if (poc.Scheme == PocScheme.Decode)
        {
            trajectories = await NodeTrajectories.GenerateAsync(context, model, poc, nonces, settings.BatchSize, settings.Timeout).ConfigureAwait(false);
            context.Log.Line($"  received {trajectories.Count} trajectories; every nonce exactly once, each {poc.MaxTokens + 1} codebook indices 0..15");
        }
        else
        {
            vectors = await NodeVectors.GenerateAsync(context, model, poc, nonces, settings.BatchSize, settings.Timeout).ConfigureAwait(false);
            context.Log.Line($"  received {vectors.Count} vectors; every nonce exactly once, each {poc.KDim} finite float16 values");
        }

        var header = new ReferenceHeader
        {
            Model = model,
            Poc = poc,
            DistThreshold = settings.DistThreshold,
            PMismatch = settings.PMismatch,
            FraudThreshold = settings.FraudThreshold,
            HasStatTestBlock = settings.PMismatch is not null || settings.FraudThreshold is not null,
            AdditionalArgs = settings.Target.Deploy.AdditionalArgs,
            Source = settings.Source,
            GeneratedAt = now.ToString("yyyy-MM-ddTHH:mm:ss.ffffffK", CultureInfo.InvariantCulture),
            CollectionBatchSize = settings.BatchSize,
        };
        var reference = new GoldenReference(header, vectors, trajectories);

        if (settings.Verify)
        {
            await VerifyAsync(context, settings, reference).ConfigureAwait(false);
        }
        else
        {
            context.Log.Warning("--no-verify: the node was not asked to reproduce these vectors");
        }

        return reference;
    }

    private static async Task VerifyAsync(PhaseContext context, BakeSettings settings, GoldenReference reference)
    {
        var defaults = StatTestParameters.Defaults(reference.Header.Scheme);
        var statTest = new StatTestParameters(settings.DistThreshold, settings.PMismatch ?? defaults.PMismatch, settings.FraudThreshold ?? defaults.FraudThreshold);
        var what = reference.Header.Scheme == PocScheme.Decode ? "trajectories (teacher-forced) at τ" : "vectors at dist_threshold";
        context.Log.Line(string.Create(CultureInfo.InvariantCulture, $"  reproducibility check: the node validates its own {reference.Header.Count} {what}={statTest.DistThreshold}"));
        var nonces = reference.Nonces;
        var decode = reference.Header.Scheme == PocScheme.Decode;
        var reply = await ValidationCall.SendAsync(
            context,
            settings.Target.Model,
            settings.Poc,
            nonces,
            settings.BatchSize,
            decode ? null : reference.Vectors,
            decode ? reference.Trajectories : null,
            statTest,
            settings.Timeout).ConfigureAwait(false);
        if (decode)
        {
            // The node's own trajectories, re-run teacher-forced on the node that made them, differ on no step at all.
            var judgement = DecodeValidatePhase.Judge(reply, nonces, statTest, new Reports.ValidationSection());
            var differing = judgement.Scores.Where(s => s.MismatchingSteps > 0).Select(s => s.Nonce).ToList();
            if (differing.Count > 0)
            {
                throw new PhaseFailedException(
                    $"the node could not reproduce its own trajectories: {differing.Count}/{judgement.NTotal} nonces have a differing step (nonces: {string.Join(", ", differing.Take(20))}); " +
                    "a reference that does not reproduce on the node it came from is worthless, so nothing was written -- check the node's determinism");
            }

            context.Log.Line($"  -> reproduced: every step of {judgement.NTotal} trajectories");
            return;
        }

        var wire = reply.As<GenerateWire>();
        var total = reply.Required(wire.NTotal, "n_total");
        var mismatches = reply.Required(wire.NMismatch, "n_mismatch");
        if (total != nonces.Count || mismatches != 0)
        {
            var which = wire.MismatchNonces?.Take(20).Select(n => n.ToString(CultureInfo.InvariantCulture)) ?? [];
            throw new PhaseFailedException(
                $"the node could not reproduce its own vectors: n_mismatch={mismatches}/{total} at dist_threshold={statTest.DistThreshold.ToString(CultureInfo.InvariantCulture)} (nonces: " +
                $"{string.Join(", ", which)}); " +
                "a reference that does not reproduce on the node it came from is worthless, so nothing was written -- check the node's determinism (batch size, kernels)");
        }

        context.Log.Line($"  -> reproduced: n_mismatch=0/{total}");
    }
}
