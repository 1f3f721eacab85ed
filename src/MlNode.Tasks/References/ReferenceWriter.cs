using Newtonsoft.Json.Linq;

namespace MlNode.Tasks.References;

/// <summary>Serializes a golden reference in the published format (mlnode-api.md §5), artifacts sorted by nonce.</summary>
public static class ReferenceWriter
{
    /// <summary>The reference as a JSON document.</summary>
    public static JObject ToJson(GoldenReference reference)
    {
        ArgumentNullException.ThrowIfNull(reference);
        var document = new JObject { ["model"] = reference.Model.Value };
        foreach (var field in PocFields(reference.Poc).Properties())
        {
            document.Add(field.Name, field.Value);
        }

        document["dist_threshold"] = reference.DistThreshold;
        if (reference.HasStatTestBlock)
        {
            var block = new JObject { ["dist_threshold"] = reference.DistThreshold };
            if (reference.PMismatch is { } p)
            {
                block["p_mismatch"] = p;
            }

            if (reference.FraudThreshold is { } f)
            {
                block["fraud_threshold"] = f;
            }

            document["stat_test"] = block;
        }

        document["collection_batch_size"] = reference.CollectionBatchSize;
        document["additional_args"] = new JArray(reference.AdditionalArgs);
        document["source"] = reference.Source;
        if (reference.Notes is not null)
        {
            document["notes"] = reference.Notes;
        }

        document["generated_at"] = reference.GeneratedAt;
        document["encoding"] = new JObject { ["dtype"] = "f16", ["k_dim"] = reference.Poc.KDim, ["endian"] = "le" };
        document["artifacts"] = new JArray(reference.Vectors
            .OrderBy(v => v.Nonce)
            .Select(v => new JObject { ["nonce"] = v.Nonce, ["vector_b64"] = v.VectorBase64 }));
        return document;
    }

    /// <summary>The PoC parameters under their reference-file names, in file order.</summary>
    public static JObject PocFields(PocParameters poc)
    {
        ArgumentNullException.ThrowIfNull(poc);
        return new JObject
        {
            ["seq_len"] = poc.SeqLen,
            ["k_dim"] = poc.KDim,
            ["block_hash"] = poc.BlockHash,
            ["block_height"] = poc.BlockHeight,
            ["public_key"] = poc.PublicKey,
            ["node_id"] = poc.NodeId,
            ["node_count"] = poc.NodeCount,
        };
    }
}
