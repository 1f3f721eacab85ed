namespace MlNode.Tasks.Configuration;

/// <summary>
/// The task graph exactly as the Cake script declared it: each task's name and direct dependencies, read from the
/// script host's task list. The only declaration of the graph is the script; every plan and every skip reason is
/// derived from this copy of it.
/// </summary>
public sealed class TaskGraph
{
    private readonly Dictionary<string, IReadOnlyList<string>> _dependencies;

    /// <summary>Creates the graph from each task's name and direct dependencies, in declaration order.</summary>
    public TaskGraph(IEnumerable<(string Name, IEnumerable<string> Dependencies)> tasks)
    {
        ArgumentNullException.ThrowIfNull(tasks);
        _dependencies = new Dictionary<string, IReadOnlyList<string>>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, dependencies) in tasks)
        {
            _dependencies[name] = dependencies.ToList();
        }
    }

    /// <summary>Gets the task names in declaration order.</summary>
    public IEnumerable<string> Names => _dependencies.Keys;

    /// <summary>True when the script declares the task.</summary>
    public bool Contains(string task) => _dependencies.ContainsKey(task);

    /// <summary>The plan Cake executes for a target: the target alone under --exclusive, else it and everything it depends on.</summary>
    public TaskPlan Plan(string target, bool exclusive)
    {
        var closure = Closure(target);
        return new TaskPlan(target, exclusive ? [target] : closure, closure);
    }

    // Depth-first, dependencies before dependents (the order Cake runs them in); unknown names are Cake's to reject.
    private List<string> Closure(string target)
    {
        var order = new List<string>();
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        Visit(target);
        return order;

        void Visit(string task)
        {
            if (!seen.Add(task))
            {
                return;
            }

            foreach (var dependency in _dependencies.GetValueOrDefault(task) ?? [])
            {
                Visit(dependency);
            }

            order.Add(task);
        }
    }
}
