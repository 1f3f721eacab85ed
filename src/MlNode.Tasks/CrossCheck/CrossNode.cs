using MlNode.Tasks.Configuration;

namespace MlNode.Tasks.CrossCheck;

/// <summary>A node of the matrix: its id, its GPU class and the settings it is reached and deployed with.</summary>
/// <param name="Id">The node's id (the Network Node's, or host:port for --mlnode-urls).</param>
/// <param name="Hardware">Its GPU class, as the Admin API or node config names it (or "unknown").</param>
/// <param name="Settings">Its run settings, resolved exactly as a single run's (deploy args, auth, timings).</param>
internal sealed record CrossNode(string Id, string Hardware, RunSettings Settings)
{
    /// <summary>How a node whose definition names no hardware is shown; such nodes are each a class of their own.</summary>
    public const string UnknownHardware = "unknown";

    /// <summary>The class of a node whose definition names no hardware: a class of its own.</summary>
    public static string UnknownClass(string nodeId) => $"{UnknownHardware} ({nodeId})";

    /// <summary>Gets the node and its class for a line of text, e.g. <c>node3 (NVIDIA H200)</c>.</summary>
    public string Label => $"{Id} ({Hardware})";
}
