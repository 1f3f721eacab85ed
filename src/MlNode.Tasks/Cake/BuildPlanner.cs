using MlNode.Tasks.Baking;
using MlNode.Tasks.Common;
using MlNode.Tasks.Configuration;
using MlNode.Tasks.Demo;
using MlNode.Tasks.Fleet;
using MlNode.Tasks.Reports;

namespace MlNode.Tasks.Cake;

/// <summary>
/// Checks every input that can be checked before the graph runs and decides its passes. A bad input is an
/// <see cref="InputException"/> here, before any folder is created or any node contacted.
/// </summary>
internal sealed class BuildPlanner(SettingsSources sources, SecretRedactor redactor, IRunLog log, TimeProvider time)
{
    public BuildPlan Plan(TaskGraph graph, string target, bool exclusive, bool dryRun, Func<string> simulatorAssembly, CancellationToken interrupt)
    {
        var reader = new SettingReader(sources);
        _ = RunSettingsResolver.ResolveOutput(reader);
        if (!graph.Contains(target))
        {
            var closest = graph.Names.OrderBy(n => ArgumentCheck.Distance(n.ToLowerInvariant(), target.ToLowerInvariant())).FirstOrDefault();
            throw new InputException(
                $"The target '{target}' was not found.{(closest is null ? string.Empty : $" Did you mean --target={closest}?")}",
                "list the tasks with: ./build.sh --target=Help");
        }

        var plan = graph.Plan(target, exclusive);
        if (string.Equals(target, TaskPlan.Tasks.Simulator, StringComparison.OrdinalIgnoreCase))
        {
            return new BuildPlan(plan, [BuildPass.None], null);
        }

        ArgumentCheck.RejectUnknown(sources.Arguments.Keys);
        if (plan.Includes(TaskPlan.Tasks.FleetDemo))
        {
            var demo = dryRun ? null : FleetTask.StartDemoAsync(sources, redactor, simulatorAssembly(), log, time, interrupt).GetAwaiter().GetResult();
            return new BuildPlan(plan, [BuildPass.None], null) { Fleet = demo };
        }

        if (plan.Includes(TaskPlan.Tasks.CrossCheckDemo))
        {
            var demo = dryRun ? null : CrossCheckTask.StartDemoAsync(sources, redactor, simulatorAssembly(), log, time, interrupt).GetAwaiter().GetResult();
            return new BuildPlan(plan, [BuildPass.None], null) { CrossCheck = demo };
        }

        if (plan.Includes(TaskPlan.Tasks.CrossCheck))
        {
            var settings = CrossCheck.CrossCheckSettingsResolver.Resolve(sources, redactor);
            if (dryRun && settings.Fleet.NodesFile is { } nodesFile)
            {
                _ = FleetPairs.Select(NodesFile.Load(nodesFile), settings.Fleet);
            }

            return new BuildPlan(plan, [BuildPass.None], null) { CrossCheck = new CrossCheckInputs(settings, sources, null) };
        }

        if (plan.Includes(TaskPlan.Tasks.Fleet) || plan.Includes(TaskPlan.Tasks.FleetPlan))
        {
            _ = reader.Choice(MlNodeArguments.Format);
            var fleet = FleetSettingsResolver.Resolve(sources, redactor);
            if (dryRun && fleet.NodesFile is { } nodes)
            {
                // A dry run checks every input it can without contacting anything: the nodes file is read and its pairs chosen.
                _ = FleetPairs.Select(NodesFile.Load(nodes), fleet);
            }

            return new BuildPlan(plan, [BuildPass.None], null) { Fleet = new FleetInputs(fleet, sources, null) };
        }

        if (plan.Includes(TaskPlan.Tasks.Demo))
        {
            return PlanDemo(reader, plan, dryRun, simulatorAssembly, interrupt);
        }

        if (plan.Includes(TaskPlan.Tasks.BakeReference))
        {
            return new BuildPlan(plan, [new BuildPass(null, BakeSettingsResolver.Resolve(sources, plan, time.GetLocalNow(), redactor))], null);
        }

        if (!plan.NeedsNode)
        {
            return new BuildPlan(plan, [BuildPass.None], null);
        }

        var references = reader.Flag(MlNodeArguments.AllReferences) ? ReferencesOf(reader) : [null];
        return new BuildPlan(plan, EachUnderItsOwnArgs(references.Select(r => Resolve(plan, r)).ToList()).Select(s => new BuildPass(s, null)).ToList(), null);
    }

    // References of one model recorded under different deploy args are each validated under their own: a running vLLM
    // (whose args cannot be read back) is redeployed before the first, and between configs as before.
    private static IEnumerable<RunSettings> EachUnderItsOwnArgs(List<RunSettings> passes)
    {
        var configs = passes.Select(p => p.Deploy.Identity).Distinct(StringComparer.Ordinal).Count();
        return configs < 2 ? passes : passes.Select(p => p.Deploy.RedeployReason is not null ? p : p with
        {
            Deploy = p.Deploy with { RedeployReason = $"--all-references: its {passes.Count} references need {configs} different deploy configs" },
        });
    }

    private RunSettings Resolve(TaskPlan plan, string? reference)
    {
        var settings = RunSettingsResolver.Resolve(sources, plan, reference, redactor);
        if (settings.Experiment.ExplicitDirectory is { } dir && !settings.Experiment.PreClaimed)
        {
            ExperimentDirectory.CheckExplicit(dir);
        }

        return settings;
    }

    private BuildPlan PlanDemo(SettingReader reader, TaskPlan plan, bool dryRun, Func<string> simulatorAssembly, CancellationToken interrupt)
    {
        DemoArguments.Check(sources, TaskPlan.Tasks.Demo, TaskPlan.Tasks.Report, MlNodeArguments.MlNodeUrl, MlNodeArguments.Model, MlNodeArguments.Reference, MlNodeArguments.ExpDir);
        var fault = reader.Choice(MlNodeArguments.DemoFault).Value;
        if (dryRun)
        {
            return new BuildPlan(plan, [BuildPass.None], null);
        }

        var root = sources.FullPath(reader.Text(MlNodeArguments.ExperimentsRoot)!);
        var demo = DemoEnvironment.StartAsync(simulatorAssembly(), fault, root, log, time, interrupt).GetAwaiter().GetResult();
        var settings = RunSettingsResolver.Resolve(DemoArguments.With(sources, demo.Arguments), plan, null, redactor);
        return new BuildPlan(plan, [new BuildPass(settings with { Experiment = settings.Experiment with { PreClaimed = true } }, null)], demo);
    }

    private List<string?> ReferencesOf(SettingReader reader)
    {
        var model = RunSettingsResolver.ResolveTarget(sources, reader, redactor).Model;
        var catalog = RunSettingsResolver.ResolveCatalog(sources, reader);
        // Every file named for the model is one of its references: each pass loads its file with every check (and
        // refuses one that records another model), so a broken variant is an error, never silently dropped.
        var matching = catalog.ReferencesOf(model);
        if (matching.Count == 0)
        {
            throw catalog.Missing(model, sources.RepositoryRoot);
        }

        log.Line($"--all-references: {matching.Count} reference(s) for {model}: {string.Join(", ", matching.Select(Path.GetFileName))}");
        return [.. matching];
    }
}
