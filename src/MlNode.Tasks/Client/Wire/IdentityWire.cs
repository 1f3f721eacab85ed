namespace MlNode.Tasks.Client.Wire;

/// <summary>GET /api/v1/state: the fields this tool reads (newer builds add more; none is required).</summary>
internal sealed class StateWire
{
    /// <summary>Gets POW, INFERENCE or STOPPED.</summary>
    public string? State { get; init; }

    /// <summary>Gets the MLNode version.</summary>
    public string? Version { get; init; }
}

/// <summary>GET /api/v1/versions (proxied from a backend's /api/v1/pow/versions): the fields this tool reads.</summary>
internal sealed class VersionsWire
{
    /// <summary>Gets the MLNode version.</summary>
    public string? Version { get; init; }

    /// <summary>Gets the vLLM version.</summary>
    public string? VllmVersion { get; init; }

    /// <summary>Gets the PoC plugin's version.</summary>
    public string? GonkaPocVersion { get; init; }
}
