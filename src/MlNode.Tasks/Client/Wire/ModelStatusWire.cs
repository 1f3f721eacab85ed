using Newtonsoft.Json;

namespace MlNode.Tasks.Client.Wire;

/// <summary>The reply of POST /api/v1/models/status and /models/download (mlnode-api.md).</summary>
internal sealed class ModelStatusWire
{
    /// <summary>Gets NOT_FOUND, PARTIAL, DOWNLOADING, DOWNLOADED, IGNORED (absent in a 409 of /download).</summary>
    public string? Status { get; init; }

    /// <summary>Gets the download's progress, or null.</summary>
    public ProgressWire? Progress { get; init; }

    /// <summary>Gets why a download failed, or null.</summary>
    public string? ErrorMessage { get; init; }
}

/// <summary>A download's progress.</summary>
internal sealed class ProgressWire
{
    /// <summary>Gets the seconds the node has spent on it.</summary>
    public double? ElapsedSeconds { get; init; }
}

/// <summary>The reply of GET /api/v1/inference/up/status.</summary>
internal sealed class InferenceStatusWire
{
    /// <summary>Gets whether vLLM serves.</summary>
    [JsonProperty(Required = Required.Always)]
    public bool IsRunning { get; init; }

    /// <summary>Gets whether vLLM is starting.</summary>
    public bool? IsStarting { get; init; }

    /// <summary>Gets the startup status (running, starting, failed, cancelled, ...).</summary>
    public string? Status { get; init; }

    /// <summary>Gets the seconds since startup began.</summary>
    public double? ElapsedSeconds { get; init; }

    /// <summary>Gets the startup error, text or object, or null.</summary>
    public Newtonsoft.Json.Linq.JToken? Error { get; init; }

    /// <summary>Gets the model vLLM serves, where the node says (not part of the documented minimum).</summary>
    public Newtonsoft.Json.Linq.JToken? Model { get; init; }
}
