namespace MlNode.Tasks.Documents;

/// <summary>The deploy request a run makes: dtype and the effective vLLM args, with where they came from.</summary>
internal sealed class DeployConfigInfo
{
    /// <summary>Gets vLLM's dtype.</summary>
    public string Dtype { get; init; } = string.Empty;

    /// <summary>Gets where the dtype came from.</summary>
    public string DtypeSource { get; init; } = string.Empty;

    /// <summary>Gets the effective args.</summary>
    public IReadOnlyList<string> AdditionalArgs { get; init; } = [];

    /// <summary>
    /// Gets where the args the overrides apply to came from: <c>reference</c> (the reference's recording args),
    /// <c>node-config &lt;path&gt; &lt;id&gt;</c>, <c>launch-plan &lt;admin api&gt; &lt;id&gt;</c>, or what a fleet job was given.
    /// </summary>
    public string Baseline { get; init; } = string.Empty;

    /// <summary>Gets the reference's own args: how its vectors were recorded (for information; deployed only when <see cref="Baseline"/> is <c>reference</c>).</summary>
    public IReadOnlyList<string> ReferenceAdditionalArgs { get; init; } = [];

    /// <summary>Gets the node's own args when they are the baseline (they replace the reference's), else empty.</summary>
    public IReadOnlyList<string> NodeArgs { get; init; } = [];

    /// <summary>Gets the overrides applied (e.g. <c>--tp-size=4</c>).</summary>
    public IReadOnlyList<string> Overrides { get; init; } = [];

    /// <summary>Gets how the args are composed.</summary>
    public string Source { get; init; } = string.Empty;

    /// <summary>Gets why a vLLM already running is taken down and deployed with these args, or null when it is left alone.</summary>
    public string? RedeployIfRunning { get; init; }
}
