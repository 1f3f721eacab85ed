using MlNode.Tasks.Configuration;

namespace MlNode.Tasks.Addin;

/// <summary>What the single-node aliases take: the node, the model, and any other argument of the task pack by name.</summary>
public abstract class MlNodeSettingsBase : MlNodeArgumentsBase
{
    /// <summary>Gets or sets the MLNode's base URL (required). Credentials may be in it, or in MLNODE_AUTHORIZATION.</summary>
    public string? MlNodeUrl { get; set; }

    /// <summary>Gets or sets the full HuggingFace model id (required, never defaulted).</summary>
    public string? Model { get; set; }

    /// <inheritdoc />
    private protected override void AddTarget(Action<ArgumentDefinition, string?> add)
    {
        add(MlNodeArguments.MlNodeUrl, MlNodeUrl);
        add(MlNodeArguments.Model, Model);
    }
}
