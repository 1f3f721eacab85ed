using MlNode.Tasks.Common;
using MlNode.Tasks.Deployment;
using MlNode.Tasks.References;

namespace MlNode.Tasks.Configuration;

/// <summary>
/// Decides a job's deploy baseline once, for validation runs and BakeReference alike: the node's own args
/// (<c>--node-config</c>, or the <c>--node-arg</c> tokens a fleet passes with their <c>--node-args-from</c>), else
/// the reference's recording args.
/// </summary>
internal static class DeployBaselineResolver
{
    /// <summary>Resolves the baseline.</summary>
    /// <param name="sources">The raw inputs (for paths).</param>
    /// <param name="reader">The reader of this job's settings.</param>
    /// <param name="model">The model to deploy.</param>
    /// <param name="referenceArgs">The args used when no node args are given (the reference's, or BakeReference's --additional-args).</param>
    /// <exception cref="InputException">Conflicting sources, or a node config that cannot give the model's args.</exception>
    public static DeployBaseline Resolve(SettingsSources sources, SettingReader reader, ModelId model, IReadOnlyList<string> referenceArgs)
    {
        ArgumentNullException.ThrowIfNull(sources);
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(referenceArgs);
        var file = reader.Text(MlNodeArguments.NodeConfig);
        var id = reader.Text(MlNodeArguments.NodeConfigId);
        var nodeArgs = NodeArgs(reader);
        var from = reader.Text(MlNodeArguments.NodeArgsFrom);
        if (file is null)
        {
            if (id is not null)
            {
                throw new InputException($"--node-config-id={id.Value} picks a node of --node-config, which is not given; pass --node-config=<node-config.json> too");
            }

            return nodeArgs.Count > 0 || from is not null || reader.Text(MlNodeArguments.NodeArgs) is not null
                ? new DeployBaseline(nodeArgs, from?.Value ?? "--node-arg")
                : DeployBaseline.FromReference(referenceArgs);
        }

        if (nodeArgs.Count > 0 || from is not null || reader.Text(MlNodeArguments.NodeArgs) is not null)
        {
            throw new InputException("--node-config and --node-arg both give the node's deploy args; pass one of them");
        }

        var path = sources.FullPath(file);
        var shown = ReferenceCatalog.Relative(path, sources.RepositoryRoot);
        var nodes = NodeConfigFile.Read(path, $"--node-config '{shown}'");
        return NodeConfigFile.Select(nodes, shown, model, id?.Value);
    }

    // --node-arg tokens, or the same list as one JSON --node-args (which can carry an empty token); never both.
    private static IReadOnlyList<string> NodeArgs(SettingReader reader)
    {
        var tokens = reader.List(MlNodeArguments.NodeArg);
        if (reader.Text(MlNodeArguments.NodeArgs) is not { } json)
        {
            return tokens;
        }

        if (tokens.Count > 0)
        {
            throw new InputException("--node-args and --node-arg both give the node's deploy args; pass one of them");
        }

        return DeployArguments.ParseJsonList(json.Value, MlNodeArguments.NodeArgs, "'[\"--max-model-len\",\"8192\"]'");
    }
}
