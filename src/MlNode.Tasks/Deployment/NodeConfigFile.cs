using MlNode.Tasks.Common;
using MlNode.Tasks.Deployment.Documents;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace MlNode.Tasks.Deployment;

/// <summary>
/// Gonka's node-config format (<c>deploy/join/node-config-&lt;model&gt;-&lt;gpu&gt;.json</c>): a JSON list of nodes,
/// each with an <c>id</c> and <c>models: {"&lt;org/name&gt;": {"args": [...]}}</c>. Read for <c>--node-config</c>
/// (one node's args for one model) and for a fleet's <c>--nodes</c> (every node).
/// </summary>
internal static class NodeConfigFile
{
    /// <summary>Reads and parses a node-config file.</summary>
    /// <param name="path">The file.</param>
    /// <param name="what">How the file is named in errors, e.g. <c>--node-config 'x.json'</c>.</param>
    /// <exception cref="InputException">Missing, not a regular file, unreadable, or not in the format.</exception>
    public static IReadOnlyList<NodeDefinition> Read(string path, string what)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (FileKind.Problem(path) is { } problem)
        {
            throw new InputException($"{what} {problem}; pass a JSON file in gonka's node-config format (deploy/join/node-config-<model>-<gpu>.json)");
        }

        string text;
        try
        {
            // The strict syntax first (a name given twice would otherwise keep its last value silently), then the shape.
            using (var stream = File.OpenRead(path))
            {
                if (References.StrictJson.Check(stream, array: true) is { } syntax)
                {
                    throw new InputException($"{what} is not a JSON array of node definitions ({syntax}); use the format of gonka's deploy/join/node-config.json");
                }
            }

            text = File.ReadAllText(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new InputException($"{what} cannot be read: {ex.Message}");
        }

        return Parse(text, what);
    }

    /// <summary>Parses a JSON array of node definitions.</summary>
    /// <exception cref="InputException">Not a non-empty JSON array of node objects.</exception>
    public static IReadOnlyList<NodeDefinition> Parse(string json, string what)
    {
        ArgumentNullException.ThrowIfNull(json);
        List<NodeDefinition?> nodes;
        try
        {
            nodes = DocumentJson.Deserialize<List<NodeDefinition?>>(json);
        }
        catch (JsonException ex)
        {
            throw new InputException($"{what} is not a JSON array of node definitions ({ex.Message.Split(Environment.NewLine)[0]}); use the format of gonka's deploy/join/node-config.json");
        }

        if (nodes.Count == 0)
        {
            throw new InputException($"{what} lists no nodes; give a JSON array of node definitions (as in gonka's deploy/join/node-config.json)");
        }

        if (NonStringArg(json) is { } problem)
        {
            throw new InputException($"{what}: {problem}; write every arg as a JSON string (e.g. \"8192\"), as gonka's node configs do");
        }

        var missing = nodes.FindIndex(n => n is null);
        return missing < 0 ? nodes.Select(n => n!).ToList() : throw new InputException($"{what}: node [{missing}] is null; every entry must be a node object");
    }

    /// <summary>
    /// The deploy baseline for <paramref name="model"/>: the args of node <paramref name="nodeId"/>, or, without an
    /// id, the args every node that configures the model agrees on.
    /// </summary>
    /// <param name="nodes">The file's nodes.</param>
    /// <param name="shownPath">The file's path as reports show it.</param>
    /// <param name="model">The model to deploy.</param>
    /// <param name="nodeId">--node-config-id, or null.</param>
    /// <exception cref="InputException">No such node, the model is not configured, or the nodes disagree.</exception>
    public static DeployBaseline Select(IReadOnlyList<NodeDefinition> nodes, string shownPath, ModelId model, string? nodeId)
    {
        ArgumentNullException.ThrowIfNull(nodes);
        ArgumentNullException.ThrowIfNull(model);
        var what = $"--node-config '{shownPath}'";
        var ids = nodes.Select((n, i) => string.IsNullOrWhiteSpace(n.Id) ? throw new InputException($"{what}: node [{i}] has no 'id'; " +
            $"every node needs the id its Network Node knows it by") : n.Id.Trim()).ToList();
        var candidates = nodes.Zip(ids);
        if (nodeId is not null)
        {
            candidates = candidates.Where(c => string.Equals(c.Second, nodeId, StringComparison.Ordinal)).ToList();
            if (!candidates.Any())
            {
                throw new InputException($"{what} has no node '{nodeId}'; its nodes are {string.Join(", ", ids)} (pick one with --node-config-id=<id>)");
            }
        }

        var configuring = candidates
            .Select(c => (Id: c.Second, Args: ArgsOf(c.First, model)))
            .Where(c => c.Args is not null)
            .ToList();
        if (configuring.Count == 0)
        {
            var configured = candidates.SelectMany(c => c.First.Models?.Keys ?? []).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
            var scope = nodeId is null ? string.Empty : $" for node '{nodeId}'";
            var listed = configured.Count == 0 ? "it configures no model" : "it configures " + string.Join(", ", configured);
            throw new InputException($"{what} does not configure '{model}'{scope}; {listed}. Pass the node config of the server that serves --model={model}");
        }

        if (configuring.FirstOrDefault(c => c.Args!.Any(a => a is null)) is { Id: { } badNode })
        {
            throw new InputException($"{what}: node '{OutsideText.OneLine(badNode)}' model '{model}' has a null in 'args'; every arg must be a string");
        }

        var first = configuring[0];
        if (configuring.Any(c => !c.Args!.SequenceEqual(first.Args!, StringComparer.Ordinal)))
        {
            // Advice that works: a node id listed twice with different args cannot be told apart by --node-config-id.
            var twice = configuring.GroupBy(c => c.Id, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1)?.Key;
            throw new InputException(twice is not null
                ? $"{what} lists node '{OutsideText.OneLine(twice)}' more than once, with different args for '{model}'; fix the file so each node id appears once"
                : $"{what} gives '{model}' different args on nodes {string.Join(", ", configuring.Select(c => OutsideText.OneLine(c.Id)))}; pick the server's node with --node-config-id=<id>");
        }

        return new DeployBaseline(first.Args!, $"node-config {shownPath} {string.Join(",", configuring.Select(c => c.Id))}");
    }

    // A model whose entry has no args launches with none; an absent model is not configured at all.
    private static IReadOnlyList<string>? ArgsOf(NodeDefinition node, ModelId model) =>
        node.Models is { } models && models.TryGetValue(model.Value, out var config) ? config?.Args ?? [] : null;

    // The typed reader would turn 8192 or true into a string without a word: an arg that is not a string is named.
    private static string? NonStringArg(string json)
    {
        if (JToken.Parse(json) is not JArray nodes)
        {
            return null;
        }

        for (var i = 0; i < nodes.Count; i++)
        {
            foreach (var model in (nodes[i]["models"] as JObject)?.Properties() ?? [])
            {
                if ((model.Value as JObject)?["args"] is JArray args && args.FirstOrDefault(a => a.Type is not (JTokenType.String or JTokenType.Null)) is { } bad)
                {
                    return $"node [{i}] model '{OutsideText.OneLine(model.Name)}' has an arg that is not a string but {bad.Type.ToString().ToLowerInvariant()} " +
                        $"{OutsideText.OneLine(bad.ToString(Formatting.None))}";
                }
            }
        }

        return null;
    }
}
