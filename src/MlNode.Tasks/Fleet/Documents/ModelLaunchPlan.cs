namespace MlNode.Tasks.Fleet.Documents;

/// <summary>One model of a launch plan: the exact args the Network Node launches it with.</summary>
internal sealed class ModelLaunchPlan
{
    /// <summary>Gets the model's full id.</summary>
    public string? ModelId { get; init; }

    /// <summary>Gets the final vLLM args.</summary>
    public IReadOnlyList<string>? Args { get; init; }
}
