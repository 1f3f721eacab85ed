using MlNode.Simulator;
using MlNode.Simulator.Faults;
using MlNode.Tasks.Configuration;
using MlNode.Tasks.Tests.Support;

namespace MlNode.Tasks.Tests.Configuration;

/// <summary>The README stays true: every argument, every simulator option and fault is documented.</summary>
public sealed class DocumentationTests
{
    private static readonly string Readme = File.ReadAllText(Path.Combine(RepositoryPaths.Root, "README.md"));

    [Fact]
    public void Readme_EveryArgumentsOwnRow_ShowsTheTablesDefaultNotACopyThatDrifted()
    {
        // Given: the README's argument rows that name one argument, and the argument table's defaults.
        var rows = Readme.Split('\n').Where(l => l.StartsWith("| `--", StringComparison.Ordinal)).ToList();

        // When
        var compared = MlNodeArguments.All
            .Where(a => a.Default is not null && a.Kind != ArgumentKind.Flag)
            .Select(a => (Argument: a, Row: rows.FirstOrDefault(r => r.StartsWith($"| `--{a.Name}` |", StringComparison.Ordinal) || r.StartsWith($"| `--{a.Name}` (", StringComparison.Ordinal))))
            .Where(x => x.Row is not null)
            .ToList();
        var drifted = compared
            .Where(x => !x.Row!.Split('|')[2].Contains(x.Argument.Default!, StringComparison.Ordinal))
            .Select(x => $"--{x.Argument.Name}: the table says {x.Argument.Default}, the README row says{x.Row!.Split('|')[2]}")
            .ToList();

        // Then: every timing, path and count the README states is the table's.
        Assert.True(compared.Count >= 15, $"only {compared.Count} rows compared");
        Assert.True(drifted.Count == 0, string.Join('\n', drifted));
    }

    [Fact]
    public void Readme_DocumentsEveryArgument()
    {
        var missing = MlNodeArguments.All.SelectMany(a => a.Names).Where(n => !Readme.Contains($"`--{n}", StringComparison.Ordinal) && !Readme.Contains($", `--{n}`", StringComparison.Ordinal)).ToList();

        Assert.Empty(missing);
    }

    [Fact]
    public void Readme_DocumentsEverySimulatorOptionAndFault()
    {
        var options = SimulatorOptions.Help.Concat(MlNode.Simulator.Fleet.FleetOptions.Help).Select(h => h.Name.Split('=')[0]).Where(n => !Readme.Contains($"`{n}", StringComparison.Ordinal)).ToList();
        var faults = Fault.KnownNames.Where(f => !Readme.Contains($"`{f}", StringComparison.Ordinal)).ToList();

        Assert.Empty(options);
        Assert.Empty(faults);
    }

    [Fact]
    public void Readme_DocumentsEveryTaskOfTheGraph()
    {
        var script = File.ReadAllText(Path.Combine(RepositoryPaths.Root, "build", "build.cake"));
        var tasks = System.Text.RegularExpressions.Regex.Matches(script, "Task\\(\"([A-Za-z]+)\"\\)").Select(m => m.Groups[1].Value).ToList();

        Assert.Contains("Validate", tasks);
        Assert.All(tasks, t => Assert.Contains($"| `{t}` |", Readme));
    }
}
