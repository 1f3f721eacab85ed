using MlNode.Tasks.Tests.Support;

namespace MlNode.Tasks.Tests.Addin;

public sealed class PublicApiTests
{
    // The package's promise to its users: the aliases with their settings and results, and the entry build.cake calls.
    private static readonly string[] Surface =
    [
        "MlNode.Tasks.Addin.",
        "MlNode.Tasks.Cake.MlNodeBuild.",
        "MlNode.Tasks.Cake.MlNodeBuild ",
        "MlNode.Tasks.Cake.MlNodeBuildOptions",
        "MlNode.Tasks.Cake.MlNodeSession",
    ];

    [Fact]
    public void ShippedApi_EverySymbol_IsTheAddinsSurfaceOrTheScriptsEntry()
    {
        // Given: the files the PublicApiAnalyzers hold the build to (what shipped, and what is new since).
        var files = new[] { "PublicAPI.Shipped.txt", "PublicAPI.Unshipped.txt" }.Select(f => Path.Combine(RepositoryPaths.Root, "src", "MlNode.Tasks", f));

        // When
        var symbols = files.SelectMany(File.ReadAllLines).Where(l => l.Length > 0 && !l.StartsWith('#')).ToList();

        // Then: nothing of the engine leaks into what users may compile against.
        Assert.NotEmpty(symbols);
        var outside = symbols.Where(s => !Surface.Any(prefix => Name(s).StartsWith(prefix, StringComparison.Ordinal) || Name(s) == prefix.TrimEnd('.', ' '))).ToList();
        Assert.True(outside.Count == 0, "outside the addin's surface:\n" + string.Join('\n', outside));
        Assert.Contains(symbols, s => s.Contains("MlNodeAliases.MlNodeValidate(", StringComparison.Ordinal));
        Assert.Contains(symbols, s => s.Contains("MlNodeAliases.MlNodeCrossCheck(", StringComparison.Ordinal));
    }

    // "static X.Y.Z(...) -> T" or "override X.Y.Equals(...)": the symbol's name follows the modifiers.
    private static string Name(string line) =>
        line.Split(' ').SkipWhile(w => w is "static" or "override" or "abstract" or "virtual" or "const" or "readonly" or "sealed").First();
}
