using MlNode.Tasks.Client;
using MlNode.Tasks.Common;
using MlNode.Tasks.PoC;
using MlNode.Tasks.References;
using Newtonsoft.Json;
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
    public static async Task<List<ReferenceVector>> GenerateAsync(PhaseContext context, ModelId model, PocParameters poc, IReadOnlyList<long> nonces,
        int? batchSize, TimeSpan timeout, bool allowNonFinite = false)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(poc);
        var reply = await context.Client.GenerateAsync(
            w => PocRequests.WriteGenerate(w, model, poc, nonces, batchSize, null, null),
            nonces.Count,
            timeout,
            context.Log.Warning,
            context.Interrupt).ConfigureAwait(false);
        return Read(reply, nonces, poc.KDim, allowNonFinite);
    }

    /// <summary>Reads and checks the vectors of a generation reply: every nonce asked for exactly once, each of k_dim values.</summary>
    /// <param name="reply">The node's reply, as text: read entry by entry, never as one JSON tree.</param>
    /// <param name="requested">The nonces asked for.</param>
    /// <param name="kDim">The vector length.</param>
    /// <param name="allowNonFinite">True to keep a vector with NaN or infinity (judged as a mismatch) instead of refusing the reply.</param>
    /// <exception cref="PhaseFailedException">The reply is not the vectors asked for.</exception>
    /// <exception cref="MlNodeCallException">The reply is not JSON.</exception>
    public static List<ReferenceVector> Read(RawReply reply, IReadOnlyList<long> requested, int kDim, bool allowNonFinite = false)
    {
        ArgumentNullException.ThrowIfNull(reply);
        ArgumentNullException.ThrowIfNull(requested);
        var wanted = requested.ToHashSet();
        var byNonce = new Dictionary<long, ReferenceVector>(requested.Count);
        try
        {
            using var reader = new JsonTextReader(new StringReader(reply.Text)) { DateParseHandling = DateParseHandling.None };
            if (!reader.Read() || reader.TokenType != JsonToken.StartObject)
            {
                throw new MlNodeCallException(reply.Endpoint, $"answered HTTP {(int)reply.Status} with a body that is not a JSON object: '{NodeReply.Snippet(reply.Text.Trim())}'", reply.Status);
            }

            var found = false;
            while (reader.Read() && reader.TokenType == JsonToken.PropertyName)
            {
                var name = (string)reader.Value!;
                reader.Read();
                if (name != "artifacts" || reader.TokenType != JsonToken.StartArray)
                {
                    reader.Skip();
                    continue;
                }

                found = true;
                while (reader.Read() && reader.TokenType != JsonToken.EndArray)
                {
                    var entry = reader.TokenType == JsonToken.StartObject ? ArtifactEntry.Read(reader) : ArtifactEntry.Invalid(JToken.ReadFrom(reader));
                    Add(entry, wanted, byNonce, kDim, allowNonFinite);
                }
            }

            if (!found)
            {
                throw new MlNodeCallException(reply.Endpoint, $"answered without 'artifacts' (the computed vectors): '{NodeReply.Snippet(reply.Text.Trim())}'", reply.Status);
            }
        }
        catch (JsonReaderException ex)
        {
            throw new MlNodeCallException(reply.Endpoint, $"answered HTTP {(int)reply.Status} with a body that is not valid JSON ({ex.Message.Split(Environment.NewLine)[0]})", reply.Status);
        }

        var missing = requested.Where(n => !byNonce.ContainsKey(n)).ToList();
        if (missing.Count > 0)
        {
            throw new PhaseFailedException(
                $"the node returned {byNonce.Count}/{requested.Count} vectors; missing nonces: {string.Join(", ", missing.Take(20))}{(missing.Count > 20 ? " ..." : string.Empty)}");
        }

        return byNonce.Values.OrderBy(v => v.Nonce).ToList();
    }

    private static void Add(ArtifactEntry entry, HashSet<long> wanted, Dictionary<long, ReferenceVector> byNonce, int kDim, bool allowNonFinite)
    {
        if (entry.Nonce is not { } nonce || entry.Vector is not { } text)
        {
            throw new PhaseFailedException($"the node returned an artifact that is not {{nonce: int, vector_b64: str}}: {NodeReply.Snippet(entry.Shown)}");
        }

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

    // One entry of "artifacts": its nonce and vector when they have the right types, and how to show it otherwise.
    private sealed record ArtifactEntry(long? Nonce, string? Vector, string Shown)
    {
        public static ArtifactEntry Read(JsonTextReader reader)
        {
            long? nonce = null;
            string? vector = null;
            var shown = new List<string>();
            while (reader.Read() && reader.TokenType == JsonToken.PropertyName)
            {
                var name = (string)reader.Value!;
                reader.Read();
                switch (name)
                {
                    case "nonce" when reader.TokenType == JsonToken.Integer:
                        nonce = Convert.ToInt64(reader.Value, System.Globalization.CultureInfo.InvariantCulture);
                        break;
                    case "vector_b64" when reader.TokenType == JsonToken.String:
                        vector = (string)reader.Value!;
                        break;
                    default:
                        shown.Add($"{name}: {JToken.ReadFrom(reader).ToString(Formatting.None)}");
                        break;
                }
            }

            return new ArtifactEntry(nonce, vector, "{" + string.Join(", ", shown.Prepend(vector is null ? string.Empty : "vector_b64").Prepend(nonce is null
                ? string.Empty : $"nonce: {nonce}").Where(p => p.Length > 0)) + "}");
        }

        public static ArtifactEntry Invalid(JToken token) => new(null, null, token.ToString(Formatting.None));
    }
}
