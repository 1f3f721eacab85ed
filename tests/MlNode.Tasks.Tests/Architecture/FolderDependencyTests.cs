using System.Text.RegularExpressions;
using MlNode.Tasks.Tests.Support;

namespace MlNode.Tasks.Tests.Architecture;

/// <summary>The library's feature folders depend on each other in one direction only: no folder reaches itself.</summary>
public sealed partial class FolderDependencyTests
{
    private static readonly string Library = Path.Combine(RepositoryPaths.Root, "src", "MlNode.Tasks");

    [Fact]
    public void Folders_UsingsAndQualifiedNames_FormNoCycle()
    {
        // Given: each top folder's dependencies, from its usings and the names it qualifies with another folder's.
        var folders = Directory.GetDirectories(Library).Select(Path.GetFileName).Where(f => f is not ("bin" or "obj")).Cast<string>().ToHashSet(StringComparer.Ordinal);
        var dependencies = folders.ToDictionary(f => f, _ => new HashSet<string>(StringComparer.Ordinal), StringComparer.Ordinal);
        var types = folders.ToDictionary(f => f, f => TypesIn(f), StringComparer.Ordinal);
        foreach (var folder in folders)
        {
            foreach (var file in Directory.EnumerateFiles(Path.Combine(Library, folder), "*.cs", SearchOption.AllDirectories))
            {
                var text = File.ReadAllText(file);
                var code = Comment().Replace(text, string.Empty);
                dependencies[folder].UnionWith(Using().Matches(text).Select(m => m.Groups[1].Value).Where(folders.Contains));
                dependencies[folder].UnionWith(Qualified().Matches(code)
                    .Where(m => folders.Contains(m.Groups[1].Value) && types[m.Groups[1].Value].Contains(m.Groups[2].Value))
                    .Select(m => m.Groups[1].Value));
                dependencies[folder].Remove(folder);
            }
        }

        // When
        var cycle = FindCycle(dependencies);

        // Then
        Assert.True(dependencies.Count > 10, "the library's folders were not found");
        Assert.True(cycle is null, "a folder reaches itself: " + string.Join(" -> ", cycle ?? []));
    }

    private static HashSet<string> TypesIn(string folder) =>
        Directory.EnumerateFiles(Path.Combine(Library, folder), "*.cs", SearchOption.AllDirectories)
            .SelectMany(f => TypeDeclaration().Matches(File.ReadAllText(f)).Select(m => m.Groups[1].Value))
            .ToHashSet(StringComparer.Ordinal);

    // Depth-first search with the path on a stack: a dependency back onto the path closes a cycle.
    private static List<string>? FindCycle(Dictionary<string, HashSet<string>> dependencies)
    {
        var done = new HashSet<string>(StringComparer.Ordinal);
        var path = new List<string>();
        List<string>? Visit(string folder)
        {
            if (path.Contains(folder))
            {
                return [.. path.SkipWhile(f => f != folder), folder];
            }

            if (!done.Add(folder))
            {
                return null;
            }

            path.Add(folder);
            foreach (var next in dependencies[folder].Order(StringComparer.Ordinal))
            {
                if (Visit(next) is { } cycle)
                {
                    return cycle;
                }
            }

            path.RemoveAt(path.Count - 1);
            return null;
        }

        return dependencies.Keys.Order(StringComparer.Ordinal).Select(Visit).FirstOrDefault(c => c is not null);
    }

    [GeneratedRegex(@"^using MlNode\.Tasks\.(\w+)", RegexOptions.Multiline)]
    private static partial Regex Using();

    [GeneratedRegex(@"(?<![\w.])(?:MlNode\.Tasks\.)?([A-Z]\w+)\.([A-Z]\w+)")]
    private static partial Regex Qualified();

    [GeneratedRegex(@"//.*|""(?:[^""\\]|\\.)*""")]
    private static partial Regex Comment();

    [GeneratedRegex(@"^(?:internal|public) (?:sealed |static |abstract |readonly |partial |record )*(?:class|record|struct|enum|interface) (\w+)", RegexOptions.Multiline)]
    private static partial Regex TypeDeclaration();
}
