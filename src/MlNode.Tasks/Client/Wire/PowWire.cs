using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace MlNode.Tasks.Client.Wire;

/// <summary>The reply of POST /api/v1/inference/pow/init/generate.</summary>
internal sealed class InitGenerateWire
{
    /// <summary>Gets how many backends accepted.</summary>
    [JsonProperty(Required = Required.Always)]
    public int Backends { get; init; }

    /// <summary>Gets the number of nonce groups (healthy backends), or null.</summary>
    public int? NGroups { get; init; }

    /// <summary>Gets the backends' errors: null or a list of objects.</summary>
    public JArray? Errors { get; init; }
}

/// <summary>The reply of GET /api/v1/inference/pow/status.</summary>
internal sealed class PowStatusWire
{
    /// <summary>Gets GENERATING, IDLE, MIXED or NO_BACKENDS.</summary>
    [JsonProperty(Required = Required.Always)]
    public string Status { get; init; } = string.Empty;

    /// <summary>Gets each backend.</summary>
    public IReadOnlyList<BackendWire>? Backends { get; init; }
}

/// <summary>One backend of /pow/status.</summary>
internal sealed class BackendWire
{
    /// <summary>Gets its port.</summary>
    public int? Port { get; init; }

    /// <summary>Gets GENERATING, IDLE, ERROR, ...</summary>
    public string? Status { get; init; }

    /// <summary>Gets its counters.</summary>
    public BackendStatsWire? Stats { get; init; }

    /// <summary>Gets why it failed to answer, or null.</summary>
    public string? Detail { get; init; }
}

/// <summary>A backend's counters.</summary>
internal sealed class BackendStatsWire
{
    /// <summary>Gets the rate it reports.</summary>
    public double? NoncesPerSecond { get; init; }

    /// <summary>Gets its exact counter.</summary>
    public long? TotalProcessed { get; init; }
}

/// <summary>The reply of POST /api/v1/inference/pow/generate with <c>wait: true</c> (computed vectors, or a judgement).</summary>
internal sealed class GenerateWire
{
    /// <summary>Gets completed, or what went wrong.</summary>
    public string? Status { get; init; }

    /// <summary>Gets an error text, where the node gives one.</summary>
    public string? Error { get; init; }

    /// <summary>Gets a FastAPI error detail, where the node gives one.</summary>
    public string? Detail { get; init; }

    /// <summary>Gets the computed vectors (without a validation block), kept raw: each entry is checked and named.</summary>
    public JArray? Artifacts { get; init; }

    /// <summary>Gets how many vectors were judged.</summary>
    public long? NTotal { get; init; }

    /// <summary>Gets how many mismatched.</summary>
    public long? NMismatch { get; init; }

    /// <summary>Gets the nonces that mismatched.</summary>
    public IReadOnlyList<long>? MismatchNonces { get; init; }

    /// <summary>Gets the binomial test's p-value.</summary>
    public double? PValue { get; init; }

    /// <summary>Gets whether the fraud test fired.</summary>
    public bool? FraudDetected { get; init; }

    /// <summary>Gets how many nonces the node could not score (decode), or null.</summary>
    public long? NExcluded { get; init; }

    /// <summary>Gets the nonces the node could not score (decode), or null.</summary>
    public IReadOnlyList<long>? ExcludedNonces { get; init; }

    /// <summary>Gets each nonce's decode scores, or null (a prefill reply, or a node that does not speak decode).</summary>
    public IReadOnlyList<PerNonceWire>? PerNonce { get; init; }
}

/// <summary>One nonce's scores in a decode validation reply (decode-poc.md).</summary>
internal sealed class PerNonceWire
{
    /// <summary>Gets the nonce.</summary>
    [JsonProperty(Required = Required.Always)]
    public long Nonce { get; init; }

    /// <summary>Gets m: the steps where the validator's value differs from the prover's.</summary>
    [JsonProperty(Required = Required.Always)]
    public int NSphereMismatches { get; init; }

    /// <summary>Gets the steps compared.</summary>
    public int? NSteps { get; init; }

    /// <summary>Gets d: the largest claimed margin among the differing steps (0 when none).</summary>
    [JsonProperty(Required = Required.Always)]
    public double MismatchMarginMax { get; init; }

    /// <summary>Gets the node's word on whether the nonce is a mismatch.</summary>
    public bool? Mismatch { get; init; }
}

/// <summary>One artifact of a decode generation reply: the nonce and its trajectory (the vector is empty).</summary>
internal sealed class DecodeArtifactWire
{
    /// <summary>Gets the nonce.</summary>
    [JsonProperty(Required = Required.Always)]
    public long Nonce { get; init; }

    /// <summary>Gets k_0..k_N.</summary>
    public IReadOnlyList<long>? KPointsSteps { get; init; }
}
