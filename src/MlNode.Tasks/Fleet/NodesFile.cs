using MlNode.Tasks.Common;
using MlNode.Tasks.Fleet.Documents;
using MlNode.Tasks.Reports.Documents;
using Newtonsoft.Json;

namespace MlNode.Tasks.Fleet;

/// <summary>Reads <c>--nodes</c>: a JSON array of node definitions in the Network Node's own format (its node-config.json).</summary>
public static class NodesFile
{
    /// <summary>Loads the fleet from a file.</summary>
    /// <exception cref="InputException">The file is missing, not a regular file, not JSON, or a node is incomplete.</exception>
    public static FleetInventory Load(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (FileKind.Problem(path) is { } problem)
        {
            throw new InputException($"--nodes '{path}' {problem}; pass the JSON file that lists the fleet's nodes (gonka's node-config.json format)");
        }

        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new InputException($"--nodes '{path}' cannot be read: {ex.Message}");
        }

        var nodes = Parse(text, $"--nodes '{path}'");
        return new FleetInventory(FleetInventory.NodesFile, path, nodes.Select((n, i) => FleetNode.From(n, null, $"--nodes '{path}' node [{i}]")).ToList(), StateKnown: false, Timing: null);
    }

    /// <summary>Parses a JSON array of node definitions.</summary>
    /// <exception cref="InputException">Not a JSON array of objects.</exception>
    public static IReadOnlyList<NodeDefinition> Parse(string json, string what)
    {
        try
        {
            var nodes = DocumentJson.Deserialize<List<NodeDefinition?>>(json);
            if (nodes.Count == 0)
            {
                throw new InputException($"{what} lists no nodes; give a JSON array of node definitions (as in gonka's deploy/join/node-config.json)");
            }

            var missing = nodes.FindIndex(n => n is null);
            return missing < 0 ? nodes.Select(n => n!).ToList() : throw new InputException($"{what}: node [{missing}] is null; every entry must be a node object");
        }
        catch (JsonException ex)
        {
            throw new InputException($"{what} is not a JSON array of node definitions ({ex.Message.Split(Environment.NewLine)[0]}); use the format of gonka's deploy/join/node-config.json");
        }
    }
}
