using System.Globalization;
using Cake.Core;
using Cake.Core.IO;
using MlNode.Tasks.Configuration;

namespace MlNode.Tasks.Addin;

/// <summary>Settings of <see cref="MlNodeAliases.MlNodeFleet"/>: every (node, model) pair of a Network Node's fleet at once.</summary>
public sealed class MlNodeFleetSettings : MlNodeArgumentsBase
{
    /// <summary>Gets or sets the Network Node's Admin API (its nodes and their state), e.g. <c>http://10.0.0.2:9200</c>.</summary>
    public string? AdminApi { get; set; }

    /// <summary>Gets or sets a node-config.json to read the fleet from instead (no node state: nothing is refused).</summary>
    public FilePath? NodesFile { get; set; }

    /// <summary>Gets the node ids to validate (empty: every node).</summary>
    public IList<string> NodeIds { get; } = [];

    /// <summary>Gets the models to validate (empty: every model of each node).</summary>
    public IList<string> Models { get; } = [];

    /// <summary>Gets or sets how many pairs run at once (default: --max-parallel's, as --target=Help shows it; never two of one node).</summary>
    public int? MaxParallel { get; set; }

    /// <summary>Gets or sets where references are looked up (default: <c>references</c> under the working directory).</summary>
    public DirectoryPath? ReferencesPath { get; set; }

    /// <summary>Gets or sets the root the fleet folder goes under (default: <c>data/experiments</c>).</summary>
    public DirectoryPath? ExperimentsRoot { get; set; }

    /// <summary>Gets or sets whether a refused pair (a node in use) leaves the exit code alone.</summary>
    public bool RefusedOk { get; set; }

    /// <summary>Gets or sets whether a fleet that did not pass (exit code other than 0) throws a <see cref="CakeException"/>
    /// carrying the fleet's exit code, so the tasks that depend on it do not run.</summary>
    public bool ThrowOnFailure { get; set; }

    /// <inheritdoc />
    private protected override void AddOwn(Action<ArgumentDefinition, string?> add, ICakeContext context)
    {
        add(MlNodeArguments.AdminApi, AdminApi);
        add(MlNodeArguments.Nodes, PathOf(context, NodesFile));
        add(MlNodeArguments.NodeIds, NodeIds.Count == 0 ? null : string.Join(',', NodeIds));
        add(MlNodeArguments.Models, Models.Count == 0 ? null : string.Join(',', Models));
        add(MlNodeArguments.MaxParallel, MaxParallel?.ToString(CultureInfo.InvariantCulture));
        add(MlNodeArguments.ReferencesPath, PathOf(context, ReferencesPath));
        add(MlNodeArguments.ExperimentsRoot, PathOf(context, ExperimentsRoot));
        add(MlNodeArguments.RefusedOk, RefusedOk ? "true" : null);
    }
}
