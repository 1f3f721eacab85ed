using Cake.Core;
using Cake.Core.IO;
using MlNode.Tasks.Configuration;

namespace MlNode.Tasks.Addin;

/// <summary>What the single-node aliases take: the node, the model, and any other argument of the task pack by name.</summary>
public abstract class MlNodeSettingsBase : MlNodeArgumentsBase
{
    /// <summary>Gets or sets the MLNode's base URL (required). Credentials may be in it, or in MLNODE_AUTHORIZATION.</summary>
    public string? MlNodeUrl { get; set; }

    /// <summary>Gets or sets the full HuggingFace model id (required, never defaulted).</summary>
    public string? Model { get; set; }

    /// <summary>
    /// Gets or sets the server's own node config (gonka's <c>node-config-&lt;model&gt;-&lt;gpu&gt;.json</c>): its args for the
    /// model replace the reference's recording args as the deploy baseline. Null: the reference's args.
    /// </summary>
    public FilePath? NodeConfig { get; set; }

    /// <summary>Gets or sets the node of <see cref="NodeConfig"/> to take the args from, when its nodes differ.</summary>
    public string? NodeConfigId { get; set; }

    /// <inheritdoc />
    private protected override void AddTarget(Action<ArgumentDefinition, string?> add, ICakeContext context)
    {
        add(MlNodeArguments.MlNodeUrl, MlNodeUrl);
        add(MlNodeArguments.Model, Model);
        add(MlNodeArguments.NodeConfig, PathOf(context, NodeConfig));
        add(MlNodeArguments.NodeConfigId, NodeConfigId);
    }
}
