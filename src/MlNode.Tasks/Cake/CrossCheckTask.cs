using MlNode.Tasks.Ci;
using MlNode.Tasks.Common;
using MlNode.Tasks.Configuration;
using MlNode.Tasks.CrossCheck;
using MlNode.Tasks.Demo;
using MlNode.Tasks.Engine;
using MlNode.Tasks.References;

namespace MlNode.Tasks.Cake;

/// <summary>The CrossCheck and CrossCheckDemo task bodies: run the cross-check, then print its tables, its verdict and its files.</summary>
internal static class CrossCheckTask
{
    /// <summary>Runs the cross-check and prints what it found.</summary>
    public static async Task<CrossCheckRun> RunAsync(CrossCheckInputs inputs, PipelineEngine engine, IRunLog log, IPipelineReporter pipeline, CancellationToken interrupt, Action? finished = null)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        var run = await CrossCheckRunner.RunAsync(inputs.Settings, inputs.Sources, engine, log, TimeProvider.System, interrupt).ConfigureAwait(false);
        finished?.Invoke();
        log.Line(string.Empty);
        log.Lines(CrossCheckTable.Render(run));
        foreach (var line in run.Incompatible)
        {
            pipeline.Error(line);
        }

        pipeline.PublishCrossCheck(run);
        var root = inputs.Sources.RepositoryRoot;
        log.Line($"heatmap: {ReferenceCatalog.Relative(Path.Combine(run.Directory, CrossCheckFiles.HtmlFile), root)} (also {CrossCheckFiles.ReportFile}, " +
            $"{CrossCheckFiles.TextFile}, {CrossCheckFiles.JUnitFile})");
        if (inputs.Demo is not null)
        {
            foreach (var line in CrossCheckDemoEnvironment.Epilogue())
            {
                log.Line(line);
            }
        }

        return run;
    }

    /// <summary>Starts CrossCheckDemo's embedded nodes and bakes their golden; the demo chooses the nodes and the references.</summary>
    public static async Task<CrossCheckInputs> StartDemoAsync(SettingsSources sources, SecretRedactor redactor, string simulatorAssembly, IRunLog log, TimeProvider time, CancellationToken interrupt)
    {
        DemoArguments.Check(sources, TaskPlan.Tasks.CrossCheckDemo, TaskPlan.Tasks.CrossCheck, MlNodeArguments.Nodes, MlNodeArguments.AdminApi,
            MlNodeArguments.MlNodeUrls, MlNodeArguments.ReferencesPath);
        var root = sources.FullPath(new SettingReader(sources).Text(MlNodeArguments.ExperimentsRoot)!);
        var demo = await CrossCheckDemoEnvironment.StartAsync(simulatorAssembly, root, log, time, interrupt).ConfigureAwait(false);
        var demoSources = DemoArguments.With(sources, demo.Arguments);
        var settings = CrossCheckSettingsResolver.Resolve(demoSources, redactor);
        return new CrossCheckInputs(settings with { Fleet = settings.Fleet with { ClaimedDirectory = demo.Directory } }, demoSources, demo);
    }
}
