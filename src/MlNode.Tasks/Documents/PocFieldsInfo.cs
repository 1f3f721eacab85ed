using MlNode.Tasks.PoC;

using Newtonsoft.Json;

namespace MlNode.Tasks.Documents;

/// <summary>
/// The PoC inputs as every document states them, declared once: a reference file's header, the reference's meta in
/// validate_config.json and the run's poc_params. The fields stay flat in each document (mlnode-api.md §5 and the
/// contract's templates name them there), so the documents inherit them; <see cref="PocFieldsInfo(PocParameters)"/>
/// is their one mapper.
/// </summary>
internal abstract class PocFieldsInfo
{
    /// <summary>Creates an empty document, for reading.</summary>
    protected PocFieldsInfo()
    {
    }

    /// <summary>Creates the document of <paramref name="poc"/>.</summary>
    protected PocFieldsInfo(PocParameters poc)
    {
        ArgumentNullException.ThrowIfNull(poc);
        Scheme = poc.Scheme.Name();
        MaxTokens = poc.MaxTokens;
        SeqLen = poc.SeqLen;
        KDim = poc.KDim;
        BlockHash = poc.BlockHash;
        BlockHeight = poc.BlockHeight;
        PublicKey = poc.PublicKey;
        NodeId = poc.NodeId;
        NodeCount = poc.NodeCount;
    }

    /// <summary>Gets the PoC scheme: <c>prefill</c> (vectors) or <c>decode</c> (trajectories); a reference file omits prefill.</summary>
    [JsonProperty(Order = -20, NullValueHandling = NullValueHandling.Ignore)]
    public string? Scheme { get; init; }

    /// <summary>Gets max_tokens: the decode steps of a trajectory (decode only).</summary>
    [JsonProperty(Order = -19, NullValueHandling = NullValueHandling.Ignore)]
    public int? MaxTokens { get; init; }

    /// <summary>Gets seq_len.</summary>
    [JsonProperty(Order = -18)]
    public int SeqLen { get; init; }

    /// <summary>Gets k_dim: each vector's length.</summary>
    [JsonProperty(Order = -17)]
    public int KDim { get; init; }

    /// <summary>Gets block_hash.</summary>
    [JsonProperty(Order = -16)]
    public string BlockHash { get; init; } = string.Empty;

    /// <summary>Gets block_height.</summary>
    [JsonProperty(Order = -15)]
    public long BlockHeight { get; init; }

    /// <summary>Gets public_key.</summary>
    [JsonProperty(Order = -14)]
    public string PublicKey { get; init; } = string.Empty;

    /// <summary>Gets node_id.</summary>
    [JsonProperty(Order = -13)]
    public int NodeId { get; init; }

    /// <summary>Gets node_count.</summary>
    [JsonProperty(Order = -12)]
    public int NodeCount { get; init; }
}
