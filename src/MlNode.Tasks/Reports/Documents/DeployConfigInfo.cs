namespace MlNode.Tasks.Reports.Documents;

/// <summary>The deploy request a run makes: dtype and the effective vLLM args, with where they came from.</summary>
public sealed class DeployConfigInfo
{
    /// <summary>Gets vLLM's dtype.</summary>
    public string Dtype { get; init; } = string.Empty;

    /// <summary>Gets where the dtype came from.</summary>
    public string DtypeSource { get; init; } = string.Empty;

    /// <summary>Gets the effective args.</summary>
    public IReadOnlyList<string> AdditionalArgs { get; init; } = [];

    /// <summary>Gets the reference's args, before overrides.</summary>
    public IReadOnlyList<string> ReferenceAdditionalArgs { get; init; } = [];

    /// <summary>Gets the args of the node's own config (Fleet), added to or updating the reference's before the CLI overrides.</summary>
    public IReadOnlyList<string> NodeArgs { get; init; } = [];

    /// <summary>Gets the overrides applied (e.g. <c>--tp-size=4</c>).</summary>
    public IReadOnlyList<string> Overrides { get; init; } = [];

    /// <summary>Gets how the args are composed.</summary>
    public string Source { get; init; } = string.Empty;
}
