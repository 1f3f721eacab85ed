using MlNode.Tasks.Configuration;
using MlNode.Tasks.Demo;

namespace MlNode.Tasks.Cake;

/// <summary>What the graph will do, decided before it runs: its task plan and one pass per run (several with --all-references).</summary>
/// <param name="Tasks">The task plan, from the script's graph.</param>
/// <param name="Passes">The passes, at least one.</param>
/// <param name="Demo">The Demo's embedded nodes, when the target is Demo and this is not a dry run.</param>
internal sealed record BuildPlan(TaskPlan Tasks, IReadOnlyList<BuildPass> Passes, DemoEnvironment? Demo)
{
    /// <summary>Gets the fleet's inputs, when the target is Fleet, FleetPlan or FleetDemo.</summary>
    public FleetInputs? Fleet { get; init; }

    /// <summary>Gets Compare's comparison, its inputs read, when the target is Compare.</summary>
    public Func<string>? Comparison { get; init; }

    /// <summary>Gets the cross-check's inputs when the target is CrossCheck (or its demo).</summary>
    public CrossCheckInputs? CrossCheck { get; init; }
}

/// <summary>What a fleet target runs with, resolved before the graph runs.</summary>
/// <param name="Settings">The fleet's settings.</param>
/// <param name="Sources">The inputs each pair's settings are resolved from (FleetDemo adds its own).</param>
/// <param name="Demo">FleetDemo's embedded nodes, or null.</param>
internal sealed record FleetInputs(Fleet.FleetSettings Settings, SettingsSources Sources, FleetDemoEnvironment? Demo);

/// <summary>A cross-check's settings, the inputs each node's are resolved from, and the demo it runs on, if any.</summary>
/// <param name="Settings">The cross-check's settings.</param>
/// <param name="Sources">The invocation's inputs (the demo's, for CrossCheckDemo).</param>
/// <param name="Demo">The embedded nodes of CrossCheckDemo, or null.</param>
internal sealed record CrossCheckInputs(CrossCheck.CrossCheckSettings Settings, SettingsSources Sources, FleetDemoEnvironment? Demo);
