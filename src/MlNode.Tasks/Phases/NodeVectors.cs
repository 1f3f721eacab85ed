using MlNode.Tasks.Client;
using MlNode.Tasks.Client.Wire;
using MlNode.Tasks.Common;
using MlNode.Tasks.PoC;
using MlNode.Tasks.References;
using Newtonsoft.Json.Linq;

namespace MlNode.Tasks.Phases;

/// <summary>
/// The vectors a node computes for given nonces (<c>pow/generate</c>, <c>wait: true</c>, no validation block): what a
/// bake records, what a cross-check compares, and what the node's own verdict is checked against.
/// </summary>
internal static class NodeVectors
{
    /// <summary>Asks the node for its vectors of <paramref name="nonces"/> and reads them.</summary>
    /// <param name="context">The phase's node connection.</param>
    /// <param name="model">The model.</param>
    /// <param name="poc">The PoC inputs.</param>
    /// <param name="nonces">The nonces.</param>
    /// <param name="batchSize">batch_size to send, or null for the node's default.</param>
    /// <param name="timeout">The call's limit.</param>
    /// <param name="allowNonFinite">True to keep non-finite vectors (see <see cref="Read"/>).</param>
    public static async Task<List<ReferenceVector>> GenerateAsync(PhaseContext context, ModelId model, PocParameters poc, IReadOnlyList<long> nonces, int? batchSize, TimeSpan timeout, bool allowNonFinite = false)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(poc);
        var reply = await context.Client.GenerateAsync(
            w => PocRequests.WriteGenerate(w, model, poc, nonces, batchSize, null, null),
            nonces.Count,
            timeout,
            context.Interrupt).ConfigureAwait(false);
        return Read(reply, nonces, poc.KDim, allowNonFinite);
    }

    /// <summary>Reads and checks the vectors of a generation reply: every nonce asked for exactly once, each of k_dim values.</summary>
    /// <param name="reply">The node's reply.</param>
    /// <param name="requested">The nonces asked for.</param>
    /// <param name="kDim">The vector length.</param>
    /// <param name="allowNonFinite">True to keep a vector with NaN or infinity (judged as a mismatch) instead of refusing the reply.</param>
    /// <exception cref="PhaseFailedException">The reply is not the vectors asked for.</exception>
    public static List<ReferenceVector> Read(NodeReply reply, IReadOnlyList<long> requested, int kDim, bool allowNonFinite = false)
    {
        ArgumentNullException.ThrowIfNull(reply);
        ArgumentNullException.ThrowIfNull(requested);
        var artifacts = reply.As<GenerateWire>().Artifacts ?? throw reply.Unexpected("'artifacts' (the computed vectors) is missing");
        var wanted = requested.ToHashSet();
        var byNonce = new Dictionary<long, ReferenceVector>();
        foreach (var item in artifacts)
        {
            if (item is not JObject entry || entry["nonce"]?.Type != JTokenType.Integer || entry["vector_b64"]?.Type != JTokenType.String)
            {
                throw new PhaseFailedException($"the node returned an artifact that is not {{nonce: int, vector_b64: str}}: {NodeReply.Snippet(item.ToString(Newtonsoft.Json.Formatting.None))}");
            }

            var nonce = entry["nonce"]!.Value<long>();
            var text = entry["vector_b64"]!.Value<string>()!;
            if (!wanted.Contains(nonce))
            {
                throw new PhaseFailedException($"the node returned nonce {nonce}, which was not requested; refusing the vectors of a confused node");
            }

            if (byNonce.ContainsKey(nonce))
            {
                throw new PhaseFailedException($"the node returned nonce {nonce} more than once; refusing the vectors of a confused node");
            }

            if (!Float16Vector.TryDecode(text, kDim, out var values, out var error))
            {
                throw new PhaseFailedException($"the node's vector for nonce {nonce} is invalid: {error}");
            }

            if (!allowNonFinite && !VectorMath.AllFinite(values))
            {
                throw new PhaseFailedException($"the node's vector for nonce {nonce} has a non-finite value (NaN or infinity)");
            }

            byNonce[nonce] = new ReferenceVector(nonce, text, values);
        }

        var missing = requested.Where(n => !byNonce.ContainsKey(n)).ToList();
        if (missing.Count > 0)
        {
            throw new PhaseFailedException(
                $"the node returned {byNonce.Count}/{requested.Count} vectors; missing nonces: {string.Join(", ", missing.Take(20))}{(missing.Count > 20 ? " ..." : string.Empty)}");
        }

        return byNonce.Values.OrderBy(v => v.Nonce).ToList();
    }
}
