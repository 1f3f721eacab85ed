namespace MlNode.Tasks.Documents;

/// <summary>
/// Which node software produced a verdict, as the node itself reports it (GET /api/v1/state and /api/v1/versions,
/// mlnode-api.md §8). Older MLNodes have neither endpoint: each value is then null and <see cref="Note"/> says so;
/// that is never an error.
/// </summary>
internal sealed record NodeIdentityInfo
{
    /// <summary>Gets the node's state when the run started (POW, INFERENCE, STOPPED), or null.</summary>
    public string? State { get; init; }

    /// <summary>Gets the MLNode version, or null.</summary>
    public string? MlnodeVersion { get; init; }

    /// <summary>Gets the vLLM version of its backends, or null.</summary>
    public string? VllmVersion { get; init; }

    /// <summary>Gets the PoC plugin (gonka-poc) version, or null.</summary>
    public string? PocPluginVersion { get; init; }

    /// <summary>Gets what was not reported and why (e.g. "not reported by this MLNode (GET /api/v1/versions: 404)"), or null.</summary>
    public string? Note { get; init; }

    /// <summary>Gets whether the node reported anything at all.</summary>
    [Newtonsoft.Json.JsonIgnore]
    public bool Reported => State is not null || MlnodeVersion is not null || VllmVersion is not null || PocPluginVersion is not null;

    /// <summary>A table cell: <c>3.1.0 poc 0.1.6</c>, or <c>-</c> when the node reported neither.</summary>
    [Newtonsoft.Json.JsonIgnore]
    public string Short => MlnodeVersion is null && PocPluginVersion is null
        ? "-"
        : string.Join(' ', new[] { MlnodeVersion, PocPluginVersion is null ? null : "poc " + PocPluginVersion }.OfType<string>());

    /// <summary>One line for a summary: <c>MLNode 3.1.0, vLLM 0.11.0, gonka-poc 0.1.6 (state INFERENCE)</c>.</summary>
    [Newtonsoft.Json.JsonIgnore]
    public string Line =>
        !Reported ? Note ?? "not reported by this MLNode"
        : string.Join(", ", new[] { ("MLNode", MlnodeVersion), ("vLLM", VllmVersion), ("gonka-poc", PocPluginVersion) }.Where(p => p.Item2 is not null).Select(p => $"{p.Item1} {p.Item2}"))
          + (State is null ? string.Empty : $" (state {State})");
}
