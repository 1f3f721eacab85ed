namespace MlNode.Tasks.Configuration;

/// <summary>
/// What Cake is about to execute: the target, the tasks that run (after <c>--exclusive</c>) and the tasks the
/// target depends on in the script's graph. The phase engine reads it to tell "skipped by flag" from "left out by
/// --exclusive" from "not part of this target". Built by <see cref="TaskGraph.Plan"/> from the script's own graph.
/// </summary>
internal sealed class TaskPlan
{
    /// <summary>
    /// The names of the tasks whose bodies this library provides. The graph (which depends on which) is the
    /// script's alone; these names are how the library recognizes its own tasks in it.
    /// </summary>
    public static class Tasks
    {
        /// <summary>[1/4].</summary>
        public const string Download = "Download";

        /// <summary>[2/4].</summary>
        public const string Deploy = "Deploy";

        /// <summary>[3/4].</summary>
        public const string Throughput = "Throughput";

        /// <summary>[4/4].</summary>
        public const string Validate = "Validate";

        /// <summary>Final summary and publishing.</summary>
        public const string Report = "Report";

        /// <summary>Bake a golden reference.</summary>
        public const string BakeReference = "BakeReference";

        /// <summary>Validate every reference in the search path.</summary>
        public const string CheckReferences = "CheckReferences";

        /// <summary>The one-command demo on the embedded simulator.</summary>
        public const string Demo = "Demo";

        /// <summary>Run the simulator standalone.</summary>
        public const string Simulator = "Simulator";

        /// <summary>Help.</summary>
        public const string Help = "Help";

        /// <summary>Validate every (node, model) pair of a fleet.</summary>
        public const string Fleet = "Fleet";

        /// <summary>Print a fleet's pairs as a CI matrix.</summary>
        public const string FleetPlan = "FleetPlan";

        /// <summary>Merge CI jobs' experiment folders into the fleet files.</summary>
        public const string FleetReport = "FleetReport";

        /// <summary>Two runs' reports (or two references) side by side.</summary>
        public const string Compare = "Compare";

        /// <summary>The fleet on six embedded nodes.</summary>
        public const string FleetDemo = "FleetDemo";

        /// <summary>Do the nodes' hardware classes accept each other's PoC vectors.</summary>
        public const string CrossCheck = "CrossCheck";

        /// <summary>The cross-check on four embedded nodes of three hardware classes.</summary>
        public const string CrossCheckDemo = "CrossCheckDemo";

        /// <summary>The task that runs a phase.</summary>
        public static string Of(Phase phase) => phase switch
        {
            Phase.Download => Download,
            Phase.Deploy => Deploy,
            Phase.Throughput => Throughput,
            Phase.Validate => Validate,
            _ => throw new ArgumentOutOfRangeException(nameof(phase), phase, "not a phase"),
        };
    }

    /// <summary>Creates a plan.</summary>
    /// <param name="target">The target task.</param>
    /// <param name="tasks">The tasks that will run.</param>
    /// <param name="dependencies">The target and every task it depends on in the graph (null: <paramref name="tasks"/>).</param>
    public TaskPlan(string target, IEnumerable<string> tasks, IEnumerable<string>? dependencies = null)
    {
        ArgumentNullException.ThrowIfNull(tasks);
        Target = target;
        TaskNames = new HashSet<string>(tasks, StringComparer.OrdinalIgnoreCase);
        Dependencies = dependencies is null ? TaskNames : new HashSet<string>(dependencies, StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>Gets the target task.</summary>
    public string Target { get; }

    /// <summary>Gets the tasks that will run.</summary>
    public IReadOnlySet<string> TaskNames { get; }

    /// <summary>Gets the target and every task it depends on, whether or not --exclusive leaves them out.</summary>
    public IReadOnlySet<string> Dependencies { get; }

    /// <summary>A plan that runs every phase, for consumers of the engine that do not run a Cake graph.</summary>
    public static TaskPlan AllPhases { get; } = new(Tasks.Report, PhaseNames.InOrder.Select(Tasks.Of).Append(Tasks.Report));

    /// <summary>The plan of a bake outside a graph: download, deploy, bake.</summary>
    public static TaskPlan Bake { get; } = new(Tasks.BakeReference, PhaseNames.Through(Phase.Deploy).Select(Tasks.Of).Append(Tasks.BakeReference));

    /// <summary>True when the task is in the plan.</summary>
    public bool Includes(string task) => TaskNames.Contains(task);

    /// <summary>True when any task that talks to an MLNode is in the plan.</summary>
    public bool NeedsNode => PhaseNames.InOrder.Any(p => Includes(Tasks.Of(p))) || Includes(Tasks.BakeReference);

    /// <summary>Decides whether a phase runs, from the plan and its skip flag.</summary>
    public PhaseDecision Decide(Phase phase, bool skipFlag)
    {
        var task = Tasks.Of(phase);
        if (!Includes(task))
        {
            return PhaseDecision.Skip(Dependencies.Contains(task) ? $"--exclusive runs only {Target}" : $"not part of --target={Target}");
        }

        return skipFlag ? PhaseDecision.Skip("--skip-" + phase.Key()) : PhaseDecision.Run;
    }
}
