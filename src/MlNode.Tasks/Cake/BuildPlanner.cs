using MlNode.Tasks.Cake.Planning;
using MlNode.Tasks.Common;
using MlNode.Tasks.Configuration;
using MlNode.Tasks.References;

namespace MlNode.Tasks.Cake;

/// <summary>
/// Checks every input that can be checked before the graph runs and decides its passes. A bad input is an
/// <see cref="InputException"/> here, before any folder is created or any node contacted. Each task of the pack that
/// needs planning has its planner (<see cref="Planners"/>); a plan without any of them runs the phases.
/// </summary>
internal sealed class BuildPlanner(SettingsSources sources, SecretRedactor redactor, IRunLog log, TimeProvider time, ReferenceCache references)
{
    /// <summary>
    /// Gets the planners, the first whose task is in the plan deciding it: a demo target depends on its real
    /// counterpart (FleetDemo on Fleet), so it comes before it; a script's own task that depends on one of these is
    /// planned as that one.
    /// </summary>
    public static IReadOnlyList<TaskPlanner> Planners { get; } =
    [
        FleetPlanners.FleetDemo,
        FleetPlanners.CrossCheckDemo,
        FleetPlanners.CrossCheck,
        FleetPlanners.Fleet,
        FleetPlanners.FleetPlan,
        FleetPlanners.FleetReport,
        NodePlanners.Compare,
        NodePlanners.Demo,
        NodePlanners.Bake,
    ];

    public BuildPlan Plan(TaskGraph graph, string target, bool exclusive, bool dryRun, Func<string> simulatorAssembly, CancellationToken interrupt)
    {
        _ = RunSettingsResolver.ResolveOutput(new SettingReader(sources));
        if (!graph.Contains(target))
        {
            var closest = graph.Names.OrderBy(n => ArgumentCheck.Distance(n.ToLowerInvariant(), target.ToLowerInvariant())).FirstOrDefault();
            throw new InputException(
                $"The target '{target}' was not found.{(closest is null ? string.Empty : $" Did you mean --target={closest}?")}",
                "list the tasks with: ./build.sh --target=Help");
        }

        var plan = graph.Plan(target, exclusive);
        var request = new PlanRequest(sources, redactor, log, time, plan, dryRun, simulatorAssembly, interrupt, references);
        if (string.Equals(target, TaskPlan.Tasks.Simulator, StringComparison.OrdinalIgnoreCase))
        {
            // The simulator takes its own options, not the pack's arguments.
            return request.Single();
        }

        ArgumentCheck.RejectUnknown(sources.Arguments.Keys);
        return Planners.FirstOrDefault(p => plan.Includes(p.Task)) is { } planner ? planner.Plan(request) : NodePlanners.Phases(request);
    }
}
