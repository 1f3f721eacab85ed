namespace MlNode.Tasks.Documents;

/// <summary>The tool that wrote a document.</summary>
internal sealed class ToolInfo
{
    /// <summary>Gets this tool, at the version of this assembly.</summary>
    public static ToolInfo Current { get; } = new() { Name = "MlNode.Tasks", Version = typeof(ToolInfo).Assembly.GetName().Version?.ToString(3) };

    /// <summary>Gets the tool's name.</summary>
    public string Name { get; init; } = string.Empty;

    /// <summary>Gets the tool's version.</summary>
    public string? Version { get; init; }
}
