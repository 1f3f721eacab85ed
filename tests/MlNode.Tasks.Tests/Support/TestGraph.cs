using MlNode.Tasks.Configuration;

namespace MlNode.Tasks.Tests.Support;

/// <summary>
/// Graphs for tests that run phases without Cake. <see cref="Standard"/> has the shape build/build.cake declares;
/// the Cake tests check the script itself (TaskGraphTests), these only feed the library a graph.
/// </summary>
public static class TestGraph
{
    public static TaskGraph Standard { get; } = new(
    [
        ("Help", []),
        ("Download", []),
        ("Deploy", ["Download"]),
        ("Throughput", ["Deploy"]),
        ("Validate", ["Throughput"]),
        ("Report", ["Validate"]),
        ("BakeReference", ["Deploy"]),
        ("CheckReferences", []),
        ("Demo", ["Report"]),
    ]);

    public static TaskPlan Plan(string target, bool exclusive = false) => Standard.Plan(target, exclusive);
}
