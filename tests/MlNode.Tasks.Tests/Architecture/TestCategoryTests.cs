using System.Text.RegularExpressions;
using MlNode.Tasks.Tests.Support;

namespace MlNode.Tasks.Tests.Architecture;

/// <summary>
/// The fast set (<c>dotnet test --filter "Category!=Integration"</c>) stays fast: a test class that starts a simulator, a
/// process, a browser or an HTTP client is marked <c>[Trait("Category", "Integration")]</c>; every other one is a unit
/// test on in-memory documents, planners and rules.
/// </summary>
public sealed partial class TestCategoryTests
{
    [Fact]
    public void TestClasses_ThatStartASimulatorOrAProcess_AreMarkedIntegration()
    {
        // Given: every test class and the text of the files that declare it
        var classes = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var project in new[] { "MlNode.Tasks.Tests", "MlNode.Simulator.Tests" })
        {
            foreach (var file in Directory.EnumerateFiles(Path.Combine(RepositoryPaths.Root, "tests", project), "*Tests*.cs", SearchOption.AllDirectories)
                         .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}Support{Path.DirectorySeparatorChar}", StringComparison.Ordinal)))
            {
                var text = File.ReadAllText(file);
                foreach (Match declared in TestClass().Matches(text))
                {
                    if (!classes.TryGetValue(declared.Groups[1].Value, out var texts))
                    {
                        classes[declared.Groups[1].Value] = texts = [];
                    }

                    texts.Add(text);
                }
            }
        }

        // When: a class uses a slow component but none of its files marks it, or is marked without using one
        var unmarked = classes.Where(c => c.Value.Any(t => Slow().IsMatch(t)) && !c.Value.Any(IsMarked)).Select(c => c.Key).ToList();
        var marked = classes.Where(c => c.Value.Any(IsMarked) && !c.Value.Any(t => Slow().IsMatch(t))).Select(c => c.Key).ToList();

        // Then
        Assert.True(classes.Count > 50, $"only {classes.Count} test classes found");
        Assert.True(unmarked.Count == 0, "start a simulator, a process or a browser but are not [Trait(\"Category\", \"Integration\")]: " + string.Join(", ", unmarked));
        Assert.True(marked.Count == 0, "marked Integration but start nothing slow (move them to the fast set): " + string.Join(", ", marked));
    }

    private static bool IsMarked(string text) => text.Contains("[Trait(\"Category\", \"Integration\")]", StringComparison.Ordinal);

    [GeneratedRegex(@"^public (?:sealed )?(?:partial )?class (\w+)", RegexOptions.Multiline)]
    private static partial Regex TestClass();

    [GeneratedRegex(@"MlNodeSimulator|CakeRunner|SimulatedFleet|FleetHarness|RunHarness|Process\.Start|Chromium|StartAsync\(|HttpClient|TcpListener|EmbeddedSimulator|LoopbackServer")]
    private static partial Regex Slow();
}
