namespace MlNode.Tasks.Cake.Planning;

/// <summary>How one task of the pack is planned: the task's name and what its plan is, decided before the graph runs.</summary>
/// <param name="Task">The task whose presence in the plan selects this planner.</param>
/// <param name="Plan">The planner.</param>
internal sealed record TaskPlanner(string Task, Func<PlanRequest, BuildPlan> Plan);
