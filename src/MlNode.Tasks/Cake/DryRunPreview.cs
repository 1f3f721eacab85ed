using MlNode.Tasks.Common;
using MlNode.Tasks.Configuration;
using MlNode.Tasks.References;
using MlNode.Tasks.Reports;
using MlNode.Tasks.Running;

namespace MlNode.Tasks.Cake;

/// <summary>
/// What Cake's --dryrun shows for a pass: the resolved inputs and, phase by phase, "would run" or why not. Cake runs
/// Setup and Teardown but no task action in a dry run; nothing here acts (no folder, no simulator, no node call).
/// </summary>
internal static class DryRunPreview
{
    public static void Print(IRunLog log, SettingsSources sources, TaskPlan plan, BuildPass pass, DateTimeOffset now, FleetInputs? fleet = null, CrossCheckInputs? crossCheck = null)
    {
        var root = sources.RepositoryRoot;
        if (plan.Includes(TaskPlan.Tasks.CrossCheckDemo))
        {
            log.Line("CrossCheckDemo would start a simulated Network Node with 4 embedded MLNodes of 3 hardware classes on 127.0.0.1, bake a reference and cross-check them");
            return;
        }

        if (crossCheck is { Settings: var c })
        {
            log.Line($"CrossCheck would have {(c.AllNodes ? "every node" : "one node per (model, hardware class)")} from {c.SourceKind} {c.SourceDisplay} " +
                $"generate nonces 0..{c.NumNonces.Value - 1} and validate every other's vectors and the golden's");
            log.Line($"cross-check folder: {ReferenceCatalog.Relative(ExperimentDirectory.Preview(new ExperimentPlan(null, c.Fleet.ExperimentsRoot, "crosscheck"), now), root)} " +
                $"(not created: dry run)");
            return;
        }

        if (plan.Includes(TaskPlan.Tasks.FleetDemo))
        {
            log.Line("FleetDemo would start a simulated Network Node with 6 embedded MLNodes on 127.0.0.1, bake a reference and validate them all");
            return;
        }

        if (fleet is { Settings: var f })
        {
            var target = plan.Includes(TaskPlan.Tasks.FleetPlan) ? "FleetPlan would print the CI matrix of" : "Fleet would validate";
            log.Line($"{target} every (node, model) pair from {f.SourceKind} {f.SourceDisplay}, at most {f.MaxParallel.Value} at once (one at a time per node); " +
                $"each pair can take up to {Common.Durations.Human(f.WorstCasePerPair.TotalSeconds)}");
            log.Line($"fleet folder: {ReferenceCatalog.Relative(ExperimentDirectory.Preview(new ExperimentPlan(null, f.ExperimentsRoot, "fleet"), now), root)} (not created: dry run)");
            return;
        }

        if (pass.Run is { } run)
        {
            var folder = ReferenceCatalog.Relative(ExperimentDirectory.Preview(run.Experiment, now), root);
            RunInputs.Print(log, run, $"{folder} (not created: dry run)");
        }
        else if (pass.Bake is { } bake)
        {
            log.Line($"BakeReference would bake nonces 0..{bake.NumNonces - 1} of {bake.Target.Model} on {bake.Target.Node.Display} into {ReferenceCatalog.Relative(bake.OutPath, root)}");
        }
        else if (plan.Includes(TaskPlan.Tasks.Demo))
        {
            log.Line("Demo would start the embedded MLNode simulator on 127.0.0.1, bake a reference from it and run the four phases against it");
            return;
        }

        if (plan.NeedsNode)
        {
            var phases = pass.Run?.Phases ?? pass.Bake?.Phases ?? RunSettingsResolver.DecidePhases(sources, plan);
            foreach (var phase in pass.Bake is null ? PhaseNames.InOrder : PhaseNames.Through(Phase.Deploy))
            {
                log.Line(phases[phase].Runs ? $"{phase.Header()}: would run" : $"{phase.Header()}: skipped ({phases[phase].Reason})");
            }
        }
    }
}
