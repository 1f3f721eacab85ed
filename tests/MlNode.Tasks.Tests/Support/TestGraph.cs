using Cake.Core;
using MlNode.Tasks.Configuration;

namespace MlNode.Tasks.Tests.Support;

/// <summary>
/// Graphs for tests that run phases without Cake. <see cref="Standard"/> has the shape build/build.cake declares;
/// the Cake tests check the script itself (TaskGraphTests), these only feed the library a graph.
/// </summary>
internal static class TestGraph
{
    public static TaskGraph Standard { get; } = Of(
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

    /// <summary>A graph of Cake's own tasks: each name with its required dependencies, in declaration order.</summary>
    public static TaskGraph Of(IEnumerable<(string Name, string[] Dependencies)> tasks) =>
        new(tasks.Select(t => Task(t.Name, t.Dependencies)).ToList());

    public static CakeTask Task(string name, params string[] dependencies)
    {
        var task = new CakeTask(name);
        foreach (var dependency in dependencies)
        {
            task.Dependencies.Add(new CakeTaskDependency(dependency, required: true));
        }

        return task;
    }

    public static TaskPlan Plan(string target, bool exclusive = false) => Standard.Plan(target, exclusive);
}
