using MlNode.Tasks.Client;
using MlNode.Tasks.Common;
using MlNode.Tasks.PoC;
using MlNode.Tasks.References;

namespace MlNode.Tasks.Phases;

/// <summary>
/// The one validation call (<c>pow/generate</c> with a validation block, <c>wait: true</c>) that a run, a bake's
/// reproducibility check and every CrossCheck cell send: the prover's vectors (prefill) or trajectories (decode) with
/// the stat test. Under decode, a node that refuses the decode fields or aborts the validation is said in one place.
/// </summary>
internal static class ValidationCall
{
    /// <summary>Sends the validation and returns the node's reply.</summary>
    /// <param name="context">The phase's node connection.</param>
    /// <param name="model">The model.</param>
    /// <param name="poc">The PoC inputs (decode when they carry max_tokens).</param>
    /// <param name="nonces">The nonces, in the order sent.</param>
    /// <param name="batchSize">batch_size to send, or null for the node's default.</param>
    /// <param name="vectors">The prover's vectors (prefill), or null.</param>
    /// <param name="trajectories">The prover's trajectories (decode), or null.</param>
    /// <param name="statTest">The stat test.</param>
    /// <param name="timeout">The call's limit.</param>
    /// <exception cref="PhaseFailedException">Under decode: the node does not accept decode PoC, or aborted the validation.</exception>
    public static async Task<NodeReply> SendAsync(
        PhaseContext context,
        ModelId model,
        PocParameters poc,
        IReadOnlyList<long> nonces,
        int? batchSize,
        IReadOnlyList<ReferenceVector>? vectors,
        IReadOnlyList<ReferenceTrajectory>? trajectories,
        StatTestParameters statTest,
        TimeSpan timeout)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(poc);
        ArgumentNullException.ThrowIfNull(nonces);
        try
        {
            return await context.Client.ValidateAsync(
                w => PocRequests.WriteGenerate(w, model, poc, nonces, batchSize, vectors, statTest, trajectories),
                nonces.Count,
                timeout,
                context.Log.Warning,
                context.Interrupt).ConfigureAwait(false);
        }
        catch (MlNodeCallException ex) when (poc.Scheme == PocScheme.Decode && DecodeRefusal.Is(ex))
        {
            throw DecodeRefusal.From(ex);
        }
        catch (MlNodeCallException ex) when (poc.Scheme == PocScheme.Decode && Aborted(ex))
        {
            // More than max(1, 10 %) of the nonces unscored: the node gives no judgement, and neither does the tool.
            throw new PhaseFailedException($"the node aborted the decode validation ({ex.Message}); no verdict is given -- the node could not score too many nonces: check its health and run again");
        }
    }

    // The plugin's answer when more than max(1, 10 %) of a decode validation's nonces could not be scored.
    private static bool Aborted(MlNodeCallException ex) =>
        ex.Status == System.Net.HttpStatusCode.ServiceUnavailable && ex.Message.Contains("validation aborted", StringComparison.Ordinal);
}
