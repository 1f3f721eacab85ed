namespace MlNode.Tasks.Documents;

/// <summary>One setting as resolved: its argument name, value and source (default, cake.config, environment, cli, ...).</summary>
internal sealed class SettingInfo
{
    /// <summary>Gets the argument name (without dashes).</summary>
    public string Name { get; init; } = string.Empty;

    /// <summary>Gets the value, as text.</summary>
    public string? Value { get; init; }

    /// <summary>Gets where the value came from.</summary>
    public string Source { get; init; } = string.Empty;
}
