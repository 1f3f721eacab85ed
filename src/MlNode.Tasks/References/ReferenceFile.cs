using Newtonsoft.Json;
using MlNode.Tasks.PoC;

namespace MlNode.Tasks.References;

/// <summary>
/// A golden reference file as published (mlnode-api.md §5) and as this tool writes it. Readers take more than this
/// (fields it does not know are ignored); <see cref="ReferenceReader"/> checks every field with an error that names
/// it. JSON Schema: docs/schema/reference.schema.json.
/// </summary>
internal sealed class ReferenceFile : Documents.PocFieldsInfo
{
    /// <summary>Creates an empty document, for reading.</summary>
    public ReferenceFile()
    {
    }

    /// <summary>Creates the file of a reference recorded under <paramref name="poc"/> (a prefill file names no scheme).</summary>
    public ReferenceFile(PocParameters poc)
        : base(poc)
    {
        Scheme = poc.Scheme == PoC.PocScheme.Decode ? Scheme : null;
    }

    /// <summary>Gets the model id (<c>org/name</c>).</summary>
    [JsonProperty(Order = -21)]
    public string Model { get; init; } = string.Empty;

    /// <summary>Gets the L2 distance above which a nonce mismatches, or null.</summary>
    public double? DistThreshold { get; init; }

    /// <summary>Gets the stat test the reference was judged with, or null (the server's defaults apply).</summary>
    [JsonProperty(NullValueHandling = NullValueHandling.Ignore)]
    public ReferenceFileStatTest? StatTest { get; init; }

    /// <summary>Gets the batch size the vectors were collected with, or null for the node's default batch.</summary>
    public int? CollectionBatchSize { get; init; }

    /// <summary>Gets the consensus-default vLLM deploy args.</summary>
    public IReadOnlyList<string> AdditionalArgs { get; init; } = [];

    /// <summary>Gets where the vectors came from: for this project's own files, which tool or hand made them.</summary>
    public string? Source { get; init; }

    /// <summary>Gets free-form notes, or null.</summary>
    [JsonProperty(NullValueHandling = NullValueHandling.Ignore)]
    public string? Notes { get; init; }

    /// <summary>Gets when it was baked.</summary>
    public string? GeneratedAt { get; init; }

    /// <summary>Gets how vectors are encoded (prefill only: a decode reference has no vectors).</summary>
    [JsonProperty(NullValueHandling = NullValueHandling.Ignore)]
    public ReferenceEncoding? Encoding { get; init; }

    /// <summary>Gets the honest vectors (prefill) or trajectories (decode), by nonce.</summary>
    public IReadOnlyList<ReferenceArtifact> Artifacts { get; init; } = [];
}

/// <summary>A reference's stat_test block; a key it lacks is absent.</summary>
internal sealed class ReferenceFileStatTest
{
    /// <summary>Gets dist_threshold (the top-level value).</summary>
    public double? DistThreshold { get; init; }

    /// <summary>Gets p_mismatch, or absent.</summary>
    [JsonProperty(NullValueHandling = NullValueHandling.Ignore)]
    public double? PMismatch { get; init; }

    /// <summary>Gets fraud_threshold, or absent.</summary>
    [JsonProperty(NullValueHandling = NullValueHandling.Ignore)]
    public double? FraudThreshold { get; init; }
}

/// <summary>How the vectors are encoded: little-endian float16, k_dim of them, base64.</summary>
internal sealed class ReferenceEncoding
{
    /// <summary>Gets the element type (<c>f16</c>).</summary>
    public string Dtype { get; init; } = "f16";

    /// <summary>Gets the vector length.</summary>
    public int KDim { get; init; }

    /// <summary>Gets the byte order (<c>le</c>).</summary>
    public string Endian { get; init; } = "le";
}

/// <summary>One honest vector (prefill) or trajectory (decode); never both.</summary>
internal sealed class ReferenceArtifact
{
    /// <summary>Gets the nonce.</summary>
    public long Nonce { get; init; }

    /// <summary>Gets the vector: k_dim little-endian float16 values, base64 (prefill only).</summary>
    [JsonProperty(NullValueHandling = NullValueHandling.Ignore)]
    public string? VectorB64 { get; init; }

    /// <summary>Gets the trajectory: max_tokens + 1 codebook indices in 0..15 (decode only).</summary>
    [JsonProperty(NullValueHandling = NullValueHandling.Ignore)]
    public IReadOnlyList<int>? KPointsSteps { get; init; }
}
