using System.Collections.Concurrent;
using MlNode.Tasks.Common;
using MlNode.Tasks.Configuration;

namespace MlNode.Tasks.Phases;

/// <summary>
/// What this invocation deployed, node by node, so that the runs of --all-references deploy once per distinct deploy
/// config: a later run on the same node with the same config reuses the running vLLM, one with another config
/// redeploys it. Keyed by node so that pipelines on other nodes in the same process never act on it: node A's
/// deploy says nothing about the vLLM on node B, which this invocation may not have started at all.
/// </summary>
internal sealed class DeployMemory
{
    private readonly ConcurrentDictionary<string, string> _deployed = new(StringComparer.Ordinal);

    /// <summary>Gets whether this invocation deployed anything on the node yet.</summary>
    public bool HasDeployed(NodeEndpoint node) => _deployed.ContainsKey(NodeKey(node));

    /// <summary>Remembers a successful deploy on the node.</summary>
    public void Record(NodeEndpoint node, ModelId model, DeployConfig config) => _deployed[NodeKey(node)] = Key(model, config);

    /// <summary>True when the vLLM running on the node was deployed by this invocation with exactly this config.</summary>
    public bool Matches(NodeEndpoint node, ModelId model, DeployConfig config) =>
        _deployed.TryGetValue(NodeKey(node), out var deployed) && deployed == Key(model, config);

    /// <summary>Forgets the node's deploy (its vLLM was taken down).</summary>
    public void Clear(NodeEndpoint node) => _deployed.TryRemove(NodeKey(node), out _);

    private static string NodeKey(NodeEndpoint node)
    {
        ArgumentNullException.ThrowIfNull(node);
        return node.Identity;
    }

    private static string Key(ModelId model, DeployConfig config) =>
        $"{model}\n{config.Identity}";
}
