using MlNode.Tasks.Common;
using MlNode.Tasks.Configuration;

namespace MlNode.Tasks.Running;

/// <summary>
/// What this invocation deployed, so that the runs of --all-references deploy once per distinct deploy config:
/// a later run with the same config reuses the running vLLM, one with another config redeploys it.
/// </summary>
public sealed class DeployMemory
{
    private string? _deployed;

    /// <summary>Gets whether this invocation deployed anything yet.</summary>
    public bool HasDeployed => _deployed is not null;

    /// <summary>Remembers a successful deploy.</summary>
    public void Record(ModelId model, DeployConfig config) => _deployed = Key(model, config);

    /// <summary>True when the running vLLM was deployed by this invocation with exactly this config.</summary>
    public bool Matches(ModelId model, DeployConfig config) => _deployed == Key(model, config);

    /// <summary>Forgets the deploy (vLLM was taken down).</summary>
    public void Clear() => _deployed = null;

    private static string Key(ModelId model, DeployConfig config) =>
        $"{model}\n{config.Dtype.Value}\n{string.Join('\u001f', config.AdditionalArgs)}";
}
