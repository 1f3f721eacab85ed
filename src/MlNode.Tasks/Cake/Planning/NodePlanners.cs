using MlNode.Tasks.Baking;
using MlNode.Tasks.Configuration;
using MlNode.Tasks.Demo;
using MlNode.Tasks.Reports;

namespace MlNode.Tasks.Cake.Planning;

/// <summary>The planners of the single-node targets: the phases (once, or per reference), BakeReference and Demo.</summary>
internal static class NodePlanners
{
    /// <summary>Demo: starts the embedded nodes (not on a dry run), bakes its reference and plans one run against them.</summary>
    public static TaskPlanner Demo { get; } = new(TaskPlan.Tasks.Demo, r =>
    {
        DemoArguments.Check(r.Sources, TaskPlan.Tasks.Demo, TaskPlan.Tasks.Report, MlNodeArguments.MlNodeUrl, MlNodeArguments.Model, MlNodeArguments.Reference,
            MlNodeArguments.ExpDir, MlNodeArguments.FleetNode);
        var fault = r.Reader.Choice(MlNodeArguments.DemoFault).Value;
        if (r.DryRun)
        {
            return r.Single();
        }

        var root = r.Sources.FullPath(r.Reader.Text(MlNodeArguments.ExperimentsRoot)!);
        var demo = DemoEnvironment.StartAsync(r.SimulatorAssembly(), fault, root, r.Log, r.Time, r.Interrupt).GetAwaiter().GetResult();
        var settings = RunSettingsResolver.Resolve(DemoArguments.With(r.Sources, demo.Arguments), r.Tasks, null, r.Redactor, r.References);
        if (settings.Pushgateway is not null && !r.Sources.Arguments.ContainsKey(MlNodeArguments.Pushgateway.Name))
        {
            // A Pushgateway in cake.config or the environment is for real runs; a demo fills dashboards only when asked.
            r.Log.Line($"demo: not pushing metrics to the Pushgateway from " +
                $"{settings.Provenance.FirstOrDefault(p => p.Name == MlNodeArguments.Pushgateway.Name)?.Source.Display() ?? "the configuration"}; " +
                $"give --pushgateway on the command line to push a demo (as node {DemoEnvironment.NodeName})");
            settings = settings with { Pushgateway = null };
        }

        return new BuildPlan(r.Tasks, [new BuildPass(settings with { Experiment = settings.Experiment with { PreClaimed = true } }, null)], demo);
    });

    /// <summary>Compare: both sides read now, so a missing or wrong file is one ERROR line before the graph runs.</summary>
    public static TaskPlanner Compare { get; } = new(TaskPlan.Tasks.Compare, r => r.Single() with { Comparison = CompareTask.Load(r.Sources) });

    /// <summary>BakeReference: one pass with the bake's settings.</summary>
    public static TaskPlanner Bake { get; } = new(TaskPlan.Tasks.BakeReference, r =>
        new BuildPlan(r.Tasks, [new BuildPass(null, BakeSettingsResolver.Resolve(r.Sources, r.Tasks, r.Time.GetLocalNow(), r.Redactor))], null));

    /// <summary>
    /// The phases: one pass, or one per reference of the model with --all-references; a target that acts on no node
    /// (Help, CheckReferences, Compare) has one empty pass.
    /// </summary>
    public static BuildPlan Phases(PlanRequest r)
    {
        if (!r.Tasks.NeedsNode)
        {
            return r.Single();
        }

        var references = r.Reader.Flag(MlNodeArguments.AllReferences) ? ReferencesOf(r) : [null];
        var passes = EachUnderItsOwnArgs(references.Select(reference => Resolve(r, reference)).ToList());
        return new BuildPlan(r.Tasks, passes.Select(s => new BuildPass(s, null)).ToList(), null);
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

    private static RunSettings Resolve(PlanRequest r, string? reference)
    {
        var settings = RunSettingsResolver.Resolve(r.Sources, r.Tasks, reference, r.Redactor, r.References);
        if (settings.Experiment.ExplicitDirectory is { } dir && !settings.Experiment.PreClaimed)
        {
            ExperimentDirectory.CheckExplicit(dir);
        }

        return settings;
    }

    private static List<string?> ReferencesOf(PlanRequest r)
    {
        var model = RunSettingsResolver.ResolveTarget(r.Sources, r.Reader, r.Redactor).Model;
        var catalog = RunSettingsResolver.ResolveCatalog(r.Sources, r.Reader);
        // Every file named for the model is one of its references: each pass loads its file with every check (and
        // refuses one that records another model), so a broken variant is an error, never silently dropped.
        var matching = catalog.ReferencesOf(model);
        if (matching.Count == 0)
        {
            throw catalog.Missing(model, r.Sources.RepositoryRoot);
        }

        r.Log.Line($"--all-references: {matching.Count} reference(s) for {model}: {string.Join(", ", matching.Select(Path.GetFileName))}");
        return [.. matching];
    }
}
