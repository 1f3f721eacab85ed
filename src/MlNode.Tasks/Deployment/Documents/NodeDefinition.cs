namespace MlNode.Tasks.Deployment.Documents;

/// <summary>
/// One MLNode as a Gonka Network Node defines it: an entry of <c>deploy/join/node-config.json</c>, and the
/// <c>node</c> object of each item the Admin API's <c>GET /admin/v1/nodes</c> returns. Fields not listed here
/// (there are more, and they change between releases) are ignored.
/// </summary>
internal sealed class NodeDefinition
{
    /// <summary>Gets the node's id, unique within its Network Node.</summary>
    public string? Id { get; init; }

    /// <summary>Gets the host: a name or address, possibly with a scheme (<c>https://gpu7.example</c>).</summary>
    public string? Host { get; init; }

    /// <summary>Gets the inference API's path prefix.</summary>
    public string? InferenceSegment { get; init; }

    /// <summary>Gets the inference (vLLM) port.</summary>
    public int? InferencePort { get; init; }

    /// <summary>Gets the MLNode API's path prefix (may be empty).</summary>
    public string? PocSegment { get; init; }

    /// <summary>Gets the MLNode API port: the one this tool talks to.</summary>
    public int? PocPort { get; init; }

    /// <summary>Gets how many inference requests the node takes at once.</summary>
    public int? MaxConcurrent { get; init; }

    /// <summary>Gets the models the node serves, by full HuggingFace id, each with its vLLM args.</summary>
    public IReadOnlyDictionary<string, ModelConfig>? Models { get; init; }

    /// <summary>Gets the node's declared hardware.</summary>
    public IReadOnlyList<HardwareEntry>? Hardware { get; init; }
}
