using Cake.Core;
using Cake.Core.Graph;

namespace MlNode.Tasks.Configuration;

/// <summary>
/// The script's task graph as Cake itself builds and walks it (<see cref="CakeGraphBuilder"/> and
/// <see cref="CakeGraph.Traverse(string)"/>), so <c>IsDependeeOf</c>, optional (<c>Required = false</c>)
/// dependencies and declaration order give the plan Cake runs, not a copy of its rules.
/// </summary>
internal sealed class TaskGraph
{
    private readonly IReadOnlyList<string> _names;
    private readonly CakeGraph _graph;

    /// <summary>Creates the graph from the script's task list (its <c>Tasks</c>).</summary>
    /// <exception cref="CakeException">A dependency Cake refuses (a required task that does not exist).</exception>
    public TaskGraph(IReadOnlyCollection<ICakeTaskInfo> tasks)
    {
        ArgumentNullException.ThrowIfNull(tasks);
        _names = tasks.Select(t => t.Name).ToList();
        _graph = CakeGraphBuilder.Build(tasks);
    }

    /// <summary>Gets the task names in declaration order.</summary>
    public IEnumerable<string> Names => _names;

    /// <summary>True when the script declares the task.</summary>
    public bool Contains(string task) => _graph.Exist(task);

    /// <summary>The plan Cake executes for a target: the target alone under --exclusive, else the traversal Cake runs.</summary>
    public TaskPlan Plan(string target, bool exclusive)
    {
        // Cake's traversal: dependencies before dependents, dependees included; a cycle is Cake's CakeException.
        var closure = _graph.Traverse(target).ToList();
        return new TaskPlan(target, exclusive ? [target] : closure, closure);
    }
}
