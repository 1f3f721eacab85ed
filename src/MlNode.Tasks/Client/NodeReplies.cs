using Newtonsoft.Json.Linq;

namespace MlNode.Tasks.Client;

/// <summary>POST /models/status: the cache state of one model.</summary>
/// <param name="Status">NOT_FOUND, PARTIAL, DOWNLOADING or DOWNLOADED.</param>
/// <param name="ServerElapsedSeconds">progress.elapsed_seconds while downloading.</param>
/// <param name="ErrorMessage">error_message, if any.</param>
/// <param name="Raw">The whole reply, for the report.</param>
internal sealed record ModelStatusReply(string Status, double? ServerElapsedSeconds, string? ErrorMessage, JObject Raw);

/// <summary>POST /models/download: whether a download started.</summary>
/// <param name="HttpStatus">200/202 accepted, 409 already downloading.</param>
/// <param name="Status">The reply's status (e.g. DOWNLOADING, DOWNLOADED, IGNORED), if any.</param>
/// <param name="Raw">The whole reply.</param>
internal sealed record DownloadReply(int HttpStatus, string? Status, JObject Raw);

/// <summary>GET /inference/up/status: the vLLM lifecycle state.</summary>
/// <param name="IsRunning">is_running.</param>
/// <param name="IsStarting">is_starting.</param>
/// <param name="Status">status text (starting, running, failed, cancelled, idle).</param>
/// <param name="ElapsedSeconds">Server-side seconds since the start began.</param>
/// <param name="Error">The failure text, when failed.</param>
/// <param name="Raw">The whole reply.</param>
internal sealed record InferenceStatus(bool IsRunning, bool IsStarting, string? Status, double? ElapsedSeconds, string? Error, JObject Raw)
{
    /// <summary>Gets whether startup ended without success (failed or cancelled are terminal).</summary>
    public bool HasFailed => Status is "failed" or "cancelled";

    /// <summary>
    /// Gets the model vLLM serves when the node names it (a <c>model</c> field is not in the documented minimum of
    /// up/status, so null means "not reported", never "no model").
    /// </summary>
    public string? ServedModel => Raw["model"] is JValue { Type: JTokenType.String } model ? (string?)model : null;
}

/// <summary>POST /pow/init/generate: how many backends accepted the work.</summary>
/// <param name="Backends">backends: replicas that accepted.</param>
/// <param name="NGroups">n_groups: healthy replicas the nonce space was split across.</param>
/// <param name="Errors">Per-backend errors, if any.</param>
/// <param name="Raw">The whole reply.</param>
internal sealed record InitGenerateReply(int Backends, int NGroups, IReadOnlyList<string> Errors, JObject Raw);

/// <summary>GET /pow/status: the aggregate and per-backend PoC state.</summary>
/// <param name="Status">GENERATING, IDLE, MIXED or NO_BACKENDS.</param>
/// <param name="Backends">One entry per replica.</param>
/// <param name="Raw">The whole reply.</param>
internal sealed record PowStatus(string Status, IReadOnlyList<BackendStatus> Backends, JObject Raw)
{
    /// <summary>Gets whether no backend is generating any more.</summary>
    public bool IsQuiet => Backends.All(b => !string.Equals(b.Status, "GENERATING", StringComparison.OrdinalIgnoreCase));
}

/// <summary>One replica in /pow/status.</summary>
/// <param name="Port">Its local port (the replica's identity).</param>
/// <param name="Status">GENERATING, IDLE, ERROR, ...</param>
/// <param name="NoncesPerSecond">stats.nonces_per_second as the backend reports it.</param>
/// <param name="TotalProcessed">stats.total_processed: an exact counter.</param>
/// <param name="Detail">detail, for a backend that failed to answer.</param>
internal sealed record BackendStatus(int? Port, string Status, double? NoncesPerSecond, long? TotalProcessed, string? Detail)
{
    /// <summary>Gets a stable label for the replica.</summary>
    public string Label => Port?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "?";
}
