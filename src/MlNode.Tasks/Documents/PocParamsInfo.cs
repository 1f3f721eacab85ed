namespace MlNode.Tasks.Documents;

/// <summary>The PoC parameters a run sends (from the reference) and its batch sizes (from the CLI or the reference).</summary>
internal sealed class PocParamsInfo : PocFieldsInfo
{
    /// <summary>Creates an empty document, for reading.</summary>
    public PocParamsInfo()
    {
    }

    /// <summary>Creates the document of a run's <paramref name="poc"/>.</summary>
    public PocParamsInfo(PoC.PocParameters poc)
        : base(poc)
    {
    }

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
