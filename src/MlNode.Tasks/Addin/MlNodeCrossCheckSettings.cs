using System.Globalization;
using Cake.Core;
using Cake.Core.IO;
using MlNode.Tasks.Configuration;

namespace MlNode.Tasks.Addin;

/// <summary>
/// Settings of <see cref="MlNodeAliases.MlNodeCrossCheck"/>: the nodes (a Network Node's Admin API, a node-config.json,
/// or ad-hoc MLNode URLs with their model), how many nonces and which nodes. Anything not set here comes from the
/// task pack's defaults, cake.config and the environment, exactly as for the CrossCheck target.
/// </summary>
public sealed class MlNodeCrossCheckSettings : MlNodeArgumentsBase
{
    /// <summary>Gets or sets the Network Node's Admin API URL (e.g. http://10.0.0.2:9200).</summary>
    public string? AdminApi { get; set; }

    /// <summary>Gets or sets a node-config.json listing the nodes (with their hardware).</summary>
    public FilePath? NodesFile { get; set; }

    /// <summary>Gets the ad-hoc MLNode URLs (two or more; each counts as a hardware class of its own); set <see cref="Model"/> with them.</summary>
    public IList<string> MlNodeUrls { get; } = [];

    /// <summary>Gets or sets the full model id of the ad-hoc nodes.</summary>
    public string? Model { get; set; }

    /// <summary>Gets the node ids to take (default: every node).</summary>
    public IList<string> NodeIds { get; } = [];

    /// <summary>Gets the models to cross-check (default: every model the nodes serve).</summary>
    public IList<string> Models { get; } = [];

    /// <summary>Gets or sets how many nonces every node generates (default: the task pack's for CrossCheck, as --target=Help shows it).</summary>
    public int? NumNonces { get; set; }

    /// <summary>Gets or sets whether every node is taken rather than one per (model, hardware class).</summary>
    public bool AllNodes { get; set; }

    /// <summary>Gets or sets the folder of golden references.</summary>
    public DirectoryPath? ReferencesPath { get; set; }

    /// <summary>Gets or sets the root the crosscheck_&lt;ts&gt; folder is created in.</summary>
    public DirectoryPath? ExperimentsRoot { get; set; }

    /// <summary>Gets or sets whether a cross-check that is not clean throws (with its exit code) instead of returning.</summary>
    public bool ThrowOnFailure { get; set; }

    private protected override void AddOwn(Action<ArgumentDefinition, string?> add, ICakeContext context)
    {
        add(MlNodeArguments.AdminApi, AdminApi);
        add(MlNodeArguments.Nodes, PathOf(context, NodesFile));
        add(MlNodeArguments.MlNodeUrls, MlNodeUrls.Count == 0 ? null : string.Join(',', MlNodeUrls));
        add(MlNodeArguments.Model, Model);
        add(MlNodeArguments.NodeIds, NodeIds.Count == 0 ? null : string.Join(',', NodeIds));
        add(MlNodeArguments.Models, Models.Count == 0 ? null : string.Join(',', Models));
        add(MlNodeArguments.NumNonces, NumNonces?.ToString(CultureInfo.InvariantCulture));
        add(MlNodeArguments.Cross, AllNodes ? "all" : null);
        add(MlNodeArguments.ReferencesPath, PathOf(context, ReferencesPath));
        add(MlNodeArguments.ExperimentsRoot, PathOf(context, ExperimentsRoot));
    }
}
