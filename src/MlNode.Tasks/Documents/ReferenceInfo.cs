namespace MlNode.Tasks.Documents;

/// <summary>The golden reference a run validated against: where it came from and what it records (not its vectors).</summary>
internal sealed class ReferenceInfo : PocFieldsInfo
{
    /// <summary>Creates an empty document, for reading.</summary>
    public ReferenceInfo()
    {
    }

    /// <summary>Creates the document of a reference recorded under <paramref name="poc"/>.</summary>
    public ReferenceInfo(PoC.PocParameters poc)
        : base(poc)
    {
    }

    /// <summary>Gets the file's path.</summary>
    [Newtonsoft.Json.JsonProperty(Order = -24)]
    public string? Path { get; init; }

    /// <summary>Gets how it was chosen: <c>--reference</c>, or the lookup of the model's file name.</summary>
    [Newtonsoft.Json.JsonProperty(Order = -23)]
    public string ChosenBy { get; init; } = string.Empty;

    /// <summary>Gets the SHA-256 of the file's bytes.</summary>
    [Newtonsoft.Json.JsonProperty(Order = -22)]
    public string? Sha256 { get; init; }

    /// <summary>Gets the model id it records.</summary>
    [Newtonsoft.Json.JsonProperty(Order = -21)]
    public string Model { get; init; } = string.Empty;

    /// <summary>Gets how many vectors it holds.</summary>
    public int NVectors { get; init; }

    /// <summary>Gets its top-level dist_threshold, or null.</summary>
    public double? DistThreshold { get; init; }

    /// <summary>Gets its stat_test block, or null when it has none.</summary>
    public ReferenceStatTest? StatTest { get; init; }

    /// <summary>Gets the batch size its vectors were collected with, or null for the node's default.</summary>
    public int? CollectionBatchSize { get; init; }

    /// <summary>Gets its consensus-default vLLM deploy args.</summary>
    public IReadOnlyList<string> AdditionalArgs { get; init; } = [];

    /// <summary>Gets its provenance text.</summary>
    public string? Source { get; init; }

    /// <summary>Gets its notes.</summary>
    public string? Notes { get; init; }

    /// <summary>Gets when it was baked, as written in it.</summary>
    public string? GeneratedAt { get; init; }
}

/// <summary>A reference's own stat_test block (either key may be absent: null).</summary>
internal sealed class ReferenceStatTest
{
    /// <summary>Gets p_mismatch.</summary>
    public double? PMismatch { get; init; }

    /// <summary>Gets fraud_threshold.</summary>
    public double? FraudThreshold { get; init; }
}
