using MlNode.Tasks.Common;
using MlNode.Tasks.PoC;
using MlNode.Tasks.References;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace MlNode.Tasks.Phases;

/// <summary>
/// The PoC v2 request bodies (mlnode-api.md §3). <c>params</c> carries exactly model, seq_len and k_dim: the
/// node forbids any other key there; under decode PoC (decode-poc.md) also <c>decode: true</c> and max_tokens.
/// </summary>
internal static class PocRequests
{
    /// <summary>The body of /pow/init/generate; without a batch size the node uses its per-GPU default.</summary>
    public static JObject InitGenerate(ModelId model, PocParameters poc, int? batchSize)
    {
        ArgumentNullException.ThrowIfNull(poc);
        var body = Shared(model, poc);
        if (batchSize is not null)
        {
            body["batch_size"] = batchSize.Value;
        }

        return body;
    }

    /// <summary>
    /// Streams the body of /pow/generate (<c>wait: true</c>): the nonces, the batch size when set, and for a
    /// validation the vectors (or, under decode, the trajectories) and the full stat test.
    /// </summary>
    public static void WriteGenerate(
        JsonWriter writer,
        ModelId model,
        PocParameters poc,
        IReadOnlyList<long> nonces,
        int? batchSize,
        IReadOnlyList<ReferenceVector>? validation,
        StatTestParameters? statTest,
        IReadOnlyList<ReferenceTrajectory>? trajectories = null)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(poc);
        ArgumentNullException.ThrowIfNull(nonces);
        writer.WriteStartObject();
        foreach (var property in Shared(model, poc).Properties())
        {
            property.WriteTo(writer);
        }

        writer.WritePropertyName("nonces");
        writer.WriteStartArray();
        foreach (var nonce in nonces)
        {
            writer.WriteValue(nonce);
        }

        writer.WriteEndArray();
        if (batchSize is not null)
        {
            writer.WritePropertyName("batch_size");
            writer.WriteValue(batchSize.Value);
        }

        writer.WritePropertyName("wait");
        writer.WriteValue(true);
        if (validation is not null || trajectories is not null)
        {
            writer.WritePropertyName("validation");
            writer.WriteStartObject();
            writer.WritePropertyName("artifacts");
            writer.WriteStartArray();
            foreach (var vector in validation ?? [])
            {
                StartArtifact(writer, vector.Nonce, vector.VectorBase64);
                writer.WriteEndObject();
            }

            foreach (var trajectory in trajectories ?? [])
            {
                // The plugin's decode artifact: an empty vector and the prover's trajectory (decode-poc.md).
                StartArtifact(writer, trajectory.Nonce, string.Empty);
                writer.WritePropertyName("k_points_steps");
                writer.WriteStartArray();
                foreach (var step in trajectory.Steps)
                {
                    writer.WriteValue(step);
                }

                writer.WriteEndArray();
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        if (statTest is not null)
        {
            writer.WritePropertyName("stat_test");
            writer.WriteStartObject();
            writer.WritePropertyName("dist_threshold");
            writer.WriteValue(statTest.DistThreshold);
            writer.WritePropertyName("p_mismatch");
            writer.WriteValue(statTest.PMismatch);
            writer.WritePropertyName("fraud_threshold");
            writer.WriteValue(statTest.FraudThreshold);
            writer.WriteEndObject();
        }

        writer.WriteEndObject();
    }

    // Every artifact the plugin reads starts {nonce, vector_b64}; a decode artifact adds its trajectory after them.
    private static void StartArtifact(JsonWriter writer, long nonce, string vectorBase64)
    {
        writer.WriteStartObject();
        writer.WritePropertyName("nonce");
        writer.WriteValue(nonce);
        writer.WritePropertyName("vector_b64");
        writer.WriteValue(vectorBase64);
    }

    private static JObject Shared(ModelId model, PocParameters poc)
    {
        var parameters = new JObject
        {
            ["model"] = model.Value,
            ["seq_len"] = poc.SeqLen,
            ["k_dim"] = poc.KDim,
        };
        if (poc.MaxTokens is { } steps)
        {
            // A request that names no scheme is prefill, so decode is said here and nowhere else.
            parameters["decode"] = true;
            parameters["max_tokens"] = steps;
        }

        return new JObject
        {
            ["block_hash"] = poc.BlockHash,
            ["block_height"] = poc.BlockHeight,
            ["public_key"] = poc.PublicKey,
            ["node_id"] = poc.NodeId,
            ["node_count"] = poc.NodeCount,
            ["params"] = parameters,
        };
    }
}
