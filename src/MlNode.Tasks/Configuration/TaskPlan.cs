namespace MlNode.Tasks.Configuration;

/// <summary>
/// What Cake is about to execute: the target and the tasks in its plan (after <c>--exclusive</c> and
/// dependencies). The phase engine reads it to tell "skipped by flag" from "not part of this target".
/// </summary>
public sealed class TaskPlan
{
    /// <summary>The task names of the graph, as build/build.cake declares them.</summary>
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
    }

    // The dependency chain of the phase tasks, as declared in build/build.cake.
    private static readonly string[] Chain = [Tasks.Download, Tasks.Deploy, Tasks.Throughput, Tasks.Validate, Tasks.Report];

    /// <summary>Creates a plan.</summary>
    public TaskPlan(string target, IEnumerable<string> tasks)
    {
        Target = target;
        TaskNames = new HashSet<string>(tasks, StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>Gets the target task.</summary>
    public string Target { get; }

    /// <summary>Gets the tasks that will run.</summary>
    public IReadOnlySet<string> TaskNames { get; }

    /// <summary>A plan for running a full validation (used by tests and tools outside Cake).</summary>
    public static TaskPlan FullRun { get; } = new(Tasks.Report, Chain);

    /// <summary>True when the task is in the plan.</summary>
    public bool Includes(string task) => TaskNames.Contains(task);

    /// <summary>True when any task that talks to an MLNode is in the plan.</summary>
    public bool NeedsNode => Chain.Any(Includes) || Includes(Tasks.BakeReference);

    /// <summary>Decides whether a phase runs, from the plan and its skip flag.</summary>
    public PhaseDecision Decide(Phase phase, bool skipFlag)
    {
        var task = phase.ToString();
        if (!Includes(task))
        {
            var upstreamOfTarget = Array.IndexOf(Chain, task) < Array.IndexOf(Chain, Target) ||
                (string.Equals(Target, Tasks.BakeReference, StringComparison.OrdinalIgnoreCase) && phase <= Phase.Deploy);
            return PhaseDecision.Skip(upstreamOfTarget
                ? $"--exclusive runs only {Target}"
                : $"not part of --target={Target}");
        }

        return skipFlag ? PhaseDecision.Skip("--skip-" + phase.Key()) : PhaseDecision.Run;
    }
}
