namespace MlNode.Tasks.PoC;

/// <summary>The PoC inputs that, with the model and nonce, determine a vector (prefill) or a trajectory (decode).</summary>
/// <param name="SeqLen">seq_len.</param>
/// <param name="KDim">k_dim: the vector length.</param>
/// <param name="BlockHash">block_hash.</param>
/// <param name="BlockHeight">block_height.</param>
/// <param name="PublicKey">public_key.</param>
/// <param name="NodeId">node_id.</param>
/// <param name="NodeCount">node_count.</param>
/// <param name="MaxTokens">max_tokens: the decode steps of a decode PoC, or null for prefill (which has none).</param>
internal sealed record PocParameters(int SeqLen, int KDim, string BlockHash, long BlockHeight, string PublicKey, int NodeId, int NodeCount, int? MaxTokens = null)
{
    /// <summary>Gets the scheme these parameters ask for: decode exactly when they carry max_tokens.</summary>
    public PocScheme Scheme => MaxTokens is null ? PocScheme.Prefill : PocScheme.Decode;
}
