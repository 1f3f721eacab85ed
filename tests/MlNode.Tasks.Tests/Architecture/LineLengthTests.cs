using MlNode.Tasks.Tests.Support;

namespace MlNode.Tasks.Tests.Architecture;

/// <summary>
/// The .editorconfig's max_line_length is a rule, not a wish: Roslyn has no analyzer for it, so this test keeps it for
/// every C# file the project ships (src/), as the build keeps the other rules.
/// </summary>
public sealed class LineLengthTests
{
    [Fact]
    public void SourceFiles_EveryLine_WithinTheEditorConfigsMaxLineLength()
    {
        // Given: the limit the .editorconfig states for C# files
        var limit = MaxLineLength();
        var root = RepositoryPaths.Root;

        // When: every line of every source file is measured
        var files = Directory.EnumerateFiles(Path.Combine(root, "src"), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .ToList();
        var longer = files
            .SelectMany(f => File.ReadLines(f).Select((line, i) => (File: Path.GetRelativePath(root, f), Line: i + 1, line.Length)))
            .Where(l => l.Length > limit)
            .Select(l => $"{l.File}:{l.Line} ({l.Length})")
            .ToList();

        // Then
        Assert.True(files.Count > 100, "the source files were not found");
        Assert.True(longer.Count == 0, $"lines over {limit} characters: {string.Join(", ", longer)}");
    }

    private static int MaxLineLength()
    {
        var section = string.Empty;
        foreach (var raw in File.ReadLines(Path.Combine(RepositoryPaths.Root, ".editorconfig")))
        {
            var line = raw.Trim();
            if (line.StartsWith('['))
            {
                section = line;
            }
            else if (section == "[*.cs]" && line.StartsWith("max_line_length", StringComparison.Ordinal))
            {
                return int.Parse(line[(line.IndexOf('=', StringComparison.Ordinal) + 1)..].Trim(), System.Globalization.CultureInfo.InvariantCulture);
            }
        }

        throw new InvalidOperationException(".editorconfig states no max_line_length for [*.cs]");
    }
}
