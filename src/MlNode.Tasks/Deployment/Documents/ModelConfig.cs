namespace MlNode.Tasks.Deployment.Documents;

/// <summary>How a node serves one model: the vLLM args its Network Node deploys it with.</summary>
internal sealed class ModelConfig
{
    /// <summary>Gets the vLLM args, as tokens (<c>["--tensor-parallel-size", "4"]</c>).</summary>
    public IReadOnlyList<string>? Args { get; init; }
}
