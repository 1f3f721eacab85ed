namespace MlNode.Tasks.Documents;

/// <summary>The PoC parameters a run sends (from the reference) and its batch sizes (from the CLI or the reference).</summary>
internal sealed class PocParamsInfo
{
    /// <summary>Gets the PoC scheme: prefill (vectors) or decode (trajectories), as the reference says.</summary>
    public string Scheme { get; init; } = "prefill";

    /// <summary>Gets max_tokens under decode; absent for prefill.</summary>
    [Newtonsoft.Json.JsonProperty(NullValueHandling = Newtonsoft.Json.NullValueHandling.Ignore)]
    public int? MaxTokens { get; init; }

    /// <summary>Gets seq_len.</summary>
    public int SeqLen { get; init; }

    /// <summary>Gets k_dim.</summary>
    public int KDim { get; init; }

    /// <summary>Gets block_hash.</summary>
    public string BlockHash { get; init; } = string.Empty;

    /// <summary>Gets block_height.</summary>
    public long BlockHeight { get; init; }

    /// <summary>Gets public_key.</summary>
    public string PublicKey { get; init; } = string.Empty;

    /// <summary>Gets node_id.</summary>
    public int NodeId { get; init; }

    /// <summary>Gets node_count.</summary>
    public int NodeCount { get; init; }

    /// <summary>Gets the batch_size of init/generate, or null when none is sent (the node uses its per-GPU default).</summary>
    public int? ThroughputBatchSize { get; init; }

    /// <summary>Gets where it came from.</summary>
    public string ThroughputBatchSizeSource { get; init; } = string.Empty;

    /// <summary>Gets the batch_size of the validation call, or null when none is sent.</summary>
    public int? ValidationBatchSize { get; init; }

    /// <summary>Gets where it came from ("not sent" when none is sent).</summary>
    public string ValidationBatchSizeSource { get; init; } = string.Empty;

    /// <summary>Gets why the validation batch is what it is.</summary>
    public string? ValidationBatchSizeReason { get; init; }

    /// <summary>Gets where these values come from.</summary>
    public string Source { get; init; } = string.Empty;
}
