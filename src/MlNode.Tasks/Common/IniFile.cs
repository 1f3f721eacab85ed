namespace MlNode.Tasks.Common;

/// <summary>
/// A cake.config file read the way Cake reads it: <c>[Section]</c> headers, <c>Key=Value</c> lines,
/// <c>;</c> or <c>#</c> comments; keys are addressed as <c>Section_Key</c>, case-insensitively.
/// </summary>
internal sealed class IniFile
{
    private readonly Dictionary<string, string> _values;

    private IniFile(string? path, Dictionary<string, string> values)
    {
        Path = path;
        _values = values;
    }

    /// <summary>Gets the file the values came from, or null for an empty configuration.</summary>
    public string? Path { get; }

    /// <summary>Gets an empty configuration (no file).</summary>
    public static IniFile Empty { get; } = new(null, new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase));

    /// <summary>Reads the file if it exists, else returns <see cref="Empty"/>.</summary>
    /// <exception cref="InputException">A line is neither a section, a key=value pair nor a comment.</exception>
    public static IniFile Load(string? path)
    {
        if (string.IsNullOrEmpty(path) || !File.Exists(path))
        {
            return Empty;
        }

        return Parse(File.ReadAllText(path), path);
    }

    /// <summary>Parses configuration text.</summary>
    public static IniFile Parse(string text, string? path = null)
    {
        var values = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var section = string.Empty;
        var number = 0;
        foreach (var raw in text.Split('\n'))
        {
            number++;
            var line = raw.Trim();
            if (line.Length == 0 || line[0] == ';' || line[0] == '#')
            {
                continue;
            }

            if (line[0] == '[' && line[^1] == ']')
            {
                section = line[1..^1].Trim();
                continue;
            }

            var equals = line.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                throw new InputException($"{path ?? "cake.config"} line {number}: expected 'Key=Value' or '[Section]', got '{line}'");
            }

            var key = line[..equals].Trim();
            var value = line[(equals + 1)..].Trim();
            values[section.Length == 0 ? key : section + "_" + key] = value;
        }

        return new IniFile(path, values);
    }

    /// <summary>Gets the value of <c>Section_Key</c>, or null.</summary>
    public string? Get(string key) => _values.TryGetValue(key, out var value) ? value : null;
}
