using MlNode.Tasks.Deployment;

namespace MlNode.Tasks.Fleet;

/// <summary>Reads <c>--nodes</c>: a JSON array of node definitions in the Network Node's own format (its node-config.json).</summary>
internal static class NodesFile
{
    /// <summary>Loads the fleet from a file.</summary>
    /// <exception cref="Common.InputException">The file is missing, not a regular file, not JSON, or a node is incomplete.</exception>
    public static FleetInventory Load(string path, string scheme = "http")
    {
        ArgumentNullException.ThrowIfNull(path);
        var what = $"--nodes '{path}'";
        var nodes = NodeConfigFile.Read(path, what);
        return new FleetInventory(FleetInventory.NodesFile, path, nodes.Select((n, i) => FleetNode.From(n, null, $"{what} node [{i}]", scheme)).ToList(), StateKnown: false, Timing: null);
    }
}
