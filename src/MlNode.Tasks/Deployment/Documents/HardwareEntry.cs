namespace MlNode.Tasks.Deployment.Documents;

/// <summary>One kind of accelerator a node declares.</summary>
internal sealed class HardwareEntry
{
    /// <summary>Gets the accelerator type (e.g. <c>NVIDIA H100 80GB HBM3</c>).</summary>
    public string? Type { get; init; }

    /// <summary>Gets how many the node has.</summary>
    public int? Count { get; init; }
}
