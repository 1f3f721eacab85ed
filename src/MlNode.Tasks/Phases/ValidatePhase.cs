using System.Globalization;
using MlNode.Tasks.Client;
using MlNode.Tasks.Client.Wire;
using MlNode.Tasks.Common;
using MlNode.Tasks.PoC;
using MlNode.Tasks.References;
using MlNode.Tasks.Reports;
using MlNode.Tasks.Verification;

namespace MlNode.Tasks.Phases;

/// <summary>
/// [4/4] validate: sends the reference's honest vectors with the full stat test; the node recomputes the same
/// nonces and runs the L2 + binomial fraud test. The reply is checked for coherence before it is believed:
/// an incoherent reply is a hard error, never a PASS.
/// </summary>
internal static class ValidatePhase
{
    /// <summary>Runs the phase.</summary>
    public static async Task RunAsync(PhaseContext context, ValidationPlan plan, ValidationSection section)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(section);
        var reference = plan.Reference;
        var statTest = plan.StatTest;
        var nonces = reference.Nonces.ToList();
        section.SentVectors = nonces.Count;
        section.BatchSize = plan.BatchSize;
        section.BatchSizeReason = plan.BatchSizeReason;

        await GenerationStop.StopLeftoverGenerationAsync(context, plan.OwnGenerationUnconfirmed).ConfigureAwait(false);
        if (reference.Header.Scheme == PocScheme.Decode)
        {
            await DecodeValidatePhase.RunAsync(context, plan, section, nonces).ConfigureAwait(false);
            return;
        }

        var timeout = context.Target.Timing.ValidationTimeout.Value;
        // The node's own vectors are asked for before it is sent the golden ones, so a node (or a proxy in front of it)
        // cannot answer this request by replaying what the validation request carried.
        var computed = plan.VerifyVectors ? await OwnVectorsAsync(context, plan, section, nonces, timeout).ConfigureAwait(false) : null;
        var reply = await ValidationCall.SendAsync(context, context.Target.Model, reference.Poc, nonces, section.BatchSize, reference.Vectors, null, statTest, timeout).ConfigureAwait(false);
        Judge(reply, nonces, statTest, section, line => context.Log.Line("  " + line));
        if (computed is not null)
        {
            Verify(context, plan, section, computed);
        }
        else
        {
            section.UnverifiedReason = "--verify-vectors=off: the verdict rests on the node's word (its vectors were not checked)";
            context.Log.Line("  not verified: " + section.UnverifiedReason);
        }

        section.Anatomy = MismatchAnatomy.Of(new AnatomyInput(
            nonces,
            section.Local?.MismatchNonces ?? section.MismatchNonces,
            statTest.DistThreshold,
            section.Local?.Distances,
            section.BatchSize,
            reference.Header.CollectionBatchSize,
            plan.ArgsApplied,
            computed?.Count(v => VectorMath.IsDegenerate(v.Values)) ?? 0,
            plan.PocPluginVersion));
    }

    // The node's own vectors of the nonces it will validate, in the same batches: asked for before the validation.
    private static async Task<List<ReferenceVector>> OwnVectorsAsync(PhaseContext context, ValidationPlan plan, ValidationSection section, List<long> nonces, TimeSpan timeout)
    {
        try
        {
            return await NodeVectors.GenerateAsync(context, context.Target.Model, plan.Reference.Poc, nonces, section.BatchSize, timeout, allowNonFinite: true).ConfigureAwait(false);
        }
        catch (MlNodeException ex) when (ex is MlNodeCallException or PhaseFailedException)
        {
            throw new PhaseFailedException($"the node's verdict could not be checked against its own vectors ({ex.Message}); no verdict is given -- run again, " +
                $"or pass --verify-vectors=off to accept the node's word");
        }
    }

    // The node's verdict against its own vectors: the same nonces in the same batches, judged here.
    private static void Verify(PhaseContext context, ValidationPlan plan, ValidationSection section, List<ReferenceVector> computed)
    {
        var local = LocalJudgement.Of(plan.Reference.Vectors, computed, plan.StatTest);
        section.Local = local;
        var t = plan.StatTest.DistThreshold;
        var reported = section.Response?["mismatch_nonces"] is not null ? section.MismatchNonces : null;
        if (VerdictCheck.Contradiction(local, section.NMismatch, reported) is { } contradiction)
        {
            section.Contradiction = contradiction;
            throw new PhaseFailedException($"the node's verdict contradicts its own vectors: {contradiction}; no verdict is given -- the node (or a proxy in front of it) " +
                $"reports a validation its vectors do not support");
        }

        context.Log.Line(string.Create(
            CultureInfo.InvariantCulture,
            $"  verified: the node's own vectors of these nonces, asked for before it saw the golden ones, are {local.NMismatch}/{local.NTotal} beyond {t} ") +
            $"(p {Judging.PValueText.Format(local.Outcome.PValue)}); its verdict agrees");
    }

    /// <summary>
    /// Reads a validation reply into <paramref name="section"/> and checks it against what was sent: the one rule for
    /// believing a node's verdict, for a run and for every cell of a cross-check.
    /// </summary>
    /// <exception cref="PhaseFailedException">The validation did not complete, or the reply contradicts itself or the request.</exception>
    public static void Judge(NodeReply reply, IReadOnlyList<long> nonces, StatTestParameters statTest, ValidationSection section, Action<string>? log = null)
    {
        ArgumentNullException.ThrowIfNull(reply);
        ArgumentNullException.ThrowIfNull(section);
        section.Response = reply.Body;
        Read(reply, section);
        log?.Invoke(string.Create(
            CultureInfo.InvariantCulture,
            $"response: n_total={section.NTotal} n_mismatch={section.NMismatch} p_value={section.PValue:G6} fraud_detected={section.FraudDetected.ToString().ToLowerInvariant()}"));
        CheckCoherence(nonces, statTest, section);
        section.Coherent = true;
    }

    private static void Read(NodeReply reply, ValidationSection section)
    {
        var wire = reply.As<GenerateWire>();
        if (wire.Status is { } status && !string.Equals(status, "completed", StringComparison.OrdinalIgnoreCase))
        {
            throw new PhaseFailedException($"validation did not complete on the node (status: {status}): {wire.Error ?? wire.Detail ?? reply.Body.ToString(Newtonsoft.Json.Formatting.None)}");
        }

        section.NTotal = checked((int)reply.Required(wire.NTotal, "n_total"));
        section.NMismatch = checked((int)reply.Required(wire.NMismatch, "n_mismatch"));
        section.PValue = reply.Required(wire.PValue, "p_value");
        section.FraudDetected = reply.Required(wire.FraudDetected, "fraud_detected");
        section.MismatchNonces = wire.MismatchNonces ?? [];
    }

    /// <summary>Checks that a validation reply is consistent with what was sent and with the stat test; exposed for tests.</summary>
    /// <exception cref="PhaseFailedException">The reply contradicts itself or the request.</exception>
    public static void CheckCoherence(IReadOnlyList<long> sentNonces, StatTestParameters statTest, ValidationSection section)
    {
        ArgumentNullException.ThrowIfNull(sentNonces);
        ArgumentNullException.ThrowIfNull(statTest);
        ArgumentNullException.ThrowIfNull(section);
        var problems = new List<string>();
        if (section.NTotal != sentNonces.Count)
        {
            problems.Add($"n_total={section.NTotal} but {sentNonces.Count} nonces were sent");
        }

        if (section.NMismatch < 0 || section.NMismatch > section.NTotal)
        {
            problems.Add($"n_mismatch={section.NMismatch} is outside 0..n_total");
        }

        var sent = sentNonces.ToHashSet();
        var foreign = section.MismatchNonces.Where(n => !sent.Contains(n)).Take(5).ToList();
        if (foreign.Count > 0)
        {
            problems.Add($"mismatch_nonces holds nonces that were never sent: {string.Join(", ", foreign)}");
        }

        if (section.MismatchNonces.Distinct().Count() != section.MismatchNonces.Count)
        {
            problems.Add("mismatch_nonces lists a nonce twice");
        }

        if (section.Response?["mismatch_nonces"] is not null && section.MismatchNonces.Count != section.NMismatch)
        {
            problems.Add($"n_mismatch={section.NMismatch} but mismatch_nonces lists {section.MismatchNonces.Count}");
        }

        if (!double.IsFinite(section.PValue) || section.PValue < 0 || section.PValue > 1)
        {
            problems.Add($"p_value={section.PValue} is not a probability");
        }
        else
        {
            if (section.FraudDetected != section.PValue < statTest.FraudThreshold)
            {
                problems.Add(string.Create(CultureInfo.InvariantCulture, $"fraud_detected={section.FraudDetected.ToString().ToLowerInvariant()} " +
                    $"contradicts p_value={section.PValue:G6} vs fraud_threshold={statTest.FraudThreshold}"));
            }

            if (section.NMismatch >= 0 && section.NMismatch <= section.NTotal)
            {
                var expected = statTest.Evaluate(section.NMismatch, section.NTotal).PValue;
                if (!Close(expected, section.PValue))
                {
                    problems.Add(string.Create(CultureInfo.InvariantCulture, $"p_value={section.PValue:G6} is not the binomial tail P(X >= {section.NMismatch}) " +
                        $"= {expected:G6} for n={section.NTotal}, p_mismatch={statTest.PMismatch}"));
                }
            }
        }

        if (problems.Count > 0)
        {
            section.Coherent = false;
            throw new PhaseFailedException(
                $"the node's validation reply is incoherent ({string.Join("; ", problems)}); it cannot be trusted, so no verdict is given -- check the node's software version");
        }
    }

    // The node computes the tail with its own library; agree to 1e-4 relative, or absolutely for p-values that are all but zero.
    private static bool Close(double expected, double actual) =>
        Math.Abs(expected - actual) <= Math.Max(1e-12, 1e-4 * Math.Max(Math.Abs(expected), Math.Abs(actual)));
}

/// <summary>What the validate phase sends.</summary>
/// <param name="Reference">The golden reference.</param>
/// <param name="StatTest">The full stat test.</param>
/// <param name="BatchSize">batch_size, or null to let the node use its default.</param>
/// <param name="BatchSizeReason">Why that batch size.</param>
/// <param name="OwnGenerationUnconfirmed">True when this run started generation and could not confirm it stopped.</param>
/// <param name="VerifyVectors">True to check the node's verdict against its own vectors (--verify-vectors=auto).</param>
/// <param name="ArgsApplied">False when vLLM was already running and the deploy args were not applied (the anatomy says so).</param>
/// <param name="PocPluginVersion">The PoC plugin version the node reported, for the mismatches' likely cause (null when it did not say).</param>
internal sealed record ValidationPlan(GoldenReference Reference, StatTestParameters StatTest, int? BatchSize, string BatchSizeReason,
    bool OwnGenerationUnconfirmed = false, bool VerifyVectors = true, bool ArgsApplied = true, string? PocPluginVersion = null);
