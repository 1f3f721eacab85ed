using MlNode.Tasks.Client;
using MlNode.Tasks.Client.Wire;
using MlNode.Tasks.Common;
using MlNode.Tasks.PoC.Decode;
using MlNode.Tasks.PoC;
using MlNode.Tasks.References;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace MlNode.Tasks.Phases;

/// <summary>
/// The decode trajectories a node computes for given nonces (<c>pow/generate</c> with <c>decode: true</c>,
/// <c>wait: true</c>, no validation block, decode-poc.md): what a decode bake records and what a cross-check re-runs.
/// </summary>
internal static class NodeTrajectories
{
    /// <summary>Asks the node for its trajectories of <paramref name="nonces"/> and reads them.</summary>
    /// <exception cref="PhaseFailedException">The node does not speak decode, or its reply is not the trajectories asked for.</exception>
    public static async Task<List<ReferenceTrajectory>> GenerateAsync(PhaseContext context, ModelId model, PocParameters poc, IReadOnlyList<long> nonces, int? batchSize, TimeSpan timeout)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(poc);
        var maxTokens = poc.MaxTokens ?? throw new ArgumentException("decode trajectories need max_tokens", nameof(poc));
        RawReply reply;
        try
        {
            reply = await context.Client.GenerateAsync(
                w => PocRequests.WriteGenerate(w, model, poc, nonces, batchSize, null, null),
                nonces.Count,
                timeout,
                context.Log.Warning,
                context.Interrupt).ConfigureAwait(false);
        }
        catch (MlNodeCallException ex) when (DecodeRefusal.Is(ex))
        {
            throw DecodeRefusal.From(ex);
        }

        return Read(reply, nonces, maxTokens);
    }

    /// <summary>Reads and checks a decode generation reply: every nonce asked for exactly once, each with max_tokens + 1 codebook indices.</summary>
    /// <exception cref="PhaseFailedException">The reply is not the trajectories asked for.</exception>
    /// <exception cref="MlNodeCallException">The reply is not a JSON object.</exception>
    public static List<ReferenceTrajectory> Read(RawReply reply, IReadOnlyList<long> requested, int maxTokens)
    {
        ArgumentNullException.ThrowIfNull(reply);
        ArgumentNullException.ThrowIfNull(requested);
        JObject body;
        try
        {
            body = JToken.Parse(reply.Text) as JObject
                ?? throw new MlNodeCallException(reply.Endpoint, $"answered HTTP {(int)reply.Status} with a body that is not a JSON object: '{NodeReply.Snippet(reply.Text.Trim())}'", reply.Status);
        }
        catch (JsonReaderException ex)
        {
            throw new MlNodeCallException(reply.Endpoint, $"answered HTTP {(int)reply.Status} with a body that is not valid JSON ({ex.Message.Split(Environment.NewLine)[0]})", reply.Status);
        }

        if (body["artifacts"] is not JArray artifacts)
        {
            throw new MlNodeCallException(reply.Endpoint, $"answered without 'artifacts' (the computed trajectories): '{NodeReply.Snippet(reply.Text.Trim())}'", reply.Status);
        }

        var wanted = requested.ToHashSet();
        var byNonce = new Dictionary<long, ReferenceTrajectory>(requested.Count);
        foreach (var entry in artifacts)
        {
            var artifact = Artifact(entry);
            var nonce = artifact.Nonce;
            if (!wanted.Contains(nonce) || byNonce.ContainsKey(nonce))
            {
                var how = wanted.Contains(nonce) ? "more than once" : "which was not requested";
                throw new PhaseFailedException($"the node returned nonce {nonce} {how}; refusing the trajectories of a confused node");
            }

            if (artifact.KPointsSteps is not { } steps)
            {
                throw DecodeRefusal.Missing($"k_points_steps for nonce {nonce} in its generation reply (a prefill node answers vectors)");
            }

            if (steps.Count != maxTokens + 1 || steps.Any(k => k is < 0 or >= DecodeCodebook.Points))
            {
                throw new PhaseFailedException(
                    $"the node's trajectory for nonce {nonce} is invalid: {steps.Count} values (max_tokens {maxTokens} needs {maxTokens + 1}), each a codebook index 0..{DecodeCodebook.Points - 1}");
            }

            byNonce[nonce] = new ReferenceTrajectory(nonce, [.. steps.Select(k => (int)k)]);
        }

        var missing = requested.Where(n => !byNonce.ContainsKey(n)).ToList();
        if (missing.Count > 0)
        {
            var shown = string.Join(", ", missing.Take(20)) + (missing.Count > 20 ? " ..." : string.Empty);
            throw new PhaseFailedException($"the node returned {byNonce.Count}/{requested.Count} trajectories; missing nonces: {shown}");
        }

        return [.. byNonce.Values.OrderBy(t => t.Nonce)];
    }

    private static DecodeArtifactWire Artifact(JToken entry)
    {
        try
        {
            return entry is JObject item ? item.ToObject<DecodeArtifactWire>(NodeReply.Wire)! : throw new JsonSerializationException("not an object");
        }
        catch (JsonException)
        {
            throw new PhaseFailedException($"the node returned an artifact that is not {{nonce: int, k_points_steps: [int]}}: {NodeReply.Snippet(entry.ToString(Formatting.None))}");
        }
    }
}
