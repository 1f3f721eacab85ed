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
}
