using MlNode.Tasks.Configuration;
using MlNode.Tasks.CrossCheck;
using MlNode.Tasks.Fleet;

namespace MlNode.Tasks.Cake.Planning;

/// <summary>The planners of the multi-node targets: Fleet, FleetPlan and CrossCheck, and their demos.</summary>
internal static class FleetPlanners
{
    /// <summary>FleetDemo: starts the embedded fleet (not on a dry run) and plans a Fleet over it.</summary>
    public static TaskPlanner FleetDemo { get; } = new(TaskPlan.Tasks.FleetDemo, r => r.Single() with
    {
        Fleet = r.DryRun ? null : FleetTask.StartDemoAsync(r.Sources, r.Redactor, r.SimulatorAssembly(), r.Log, r.Time, r.Interrupt).GetAwaiter().GetResult(),
    });

    /// <summary>CrossCheckDemo: starts the embedded nodes (not on a dry run) and plans a CrossCheck over them.</summary>
    public static TaskPlanner CrossCheckDemo { get; } = new(TaskPlan.Tasks.CrossCheckDemo, r => r.Single() with
    {
        CrossCheck = r.DryRun ? null : CrossCheckTask.StartDemoAsync(r.Sources, r.Redactor, r.SimulatorAssembly(), r.Log, r.Time, r.Interrupt).GetAwaiter().GetResult(),
    });

    /// <summary>CrossCheck: its settings; a dry run reads the nodes file and chooses its nodes.</summary>
    public static TaskPlanner CrossCheck { get; } = new(TaskPlan.Tasks.CrossCheck, r =>
    {
        var settings = CrossCheckSettingsResolver.Resolve(r.Sources, r.Redactor);
        CheckNodesFile(r, settings.Fleet);
        return r.Single() with { CrossCheck = new CrossCheckInputs(settings, r.Sources, null) };
    });

    /// <summary>Fleet: its settings; a dry run reads the nodes file and chooses its pairs.</summary>
    public static TaskPlanner Fleet { get; } = new(TaskPlan.Tasks.Fleet, Plan);

    /// <summary>FleetPlan: as Fleet, and the matrix format checked.</summary>
    public static TaskPlanner FleetPlan { get; } = new(TaskPlan.Tasks.FleetPlan, Plan);

    /// <summary>FleetReport: --from checked now (given, a folder, not the filesystem root); the merge reads it in the task.</summary>
    public static TaskPlanner FleetReport { get; } = new(TaskPlan.Tasks.FleetReport, r =>
    {
        FleetTask.CheckFrom(r.Sources);
        return r.Single();
    });

    private static BuildPlan Plan(PlanRequest r)
    {
        _ = r.Reader.Choice(MlNodeArguments.Format);
        var fleet = FleetSettingsResolver.Resolve(r.Sources, r.Redactor);
        CheckNodesFile(r, fleet);
        return r.Single() with { Fleet = new FleetInputs(fleet, r.Sources, null) };
    }

    // A dry run checks every input it can without contacting anything: the nodes file is read and its pairs chosen.
    private static void CheckNodesFile(PlanRequest r, FleetSettings fleet)
    {
        if (r.DryRun && fleet.NodesFile is { } nodes)
        {
            _ = FleetPairs.Select(NodesFile.Load(nodes, fleet.MlNodeScheme), fleet);
        }
    }
}
