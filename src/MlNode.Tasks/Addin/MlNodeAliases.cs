using Cake.Core;
using Cake.Core.Annotations;
using MlNode.Tasks.Common;
using MlNode.Tasks.Configuration;
using MlNode.Tasks.CrossCheck;
using MlNode.Tasks.Engine;
using MlNode.Tasks.Fleet;
using MlNode.Tasks.Reports;
using MlNode.Tasks.Running;

namespace MlNode.Tasks.Addin;

/// <summary>
/// Validate a Gonka MLNode (and bake golden references) from any Cake script: <c>#addin nuget:?package=MlNode.Tasks</c>.
/// The same engine as this repository's own task graph, with the same arguments, reports and exit codes.
/// </summary>
[CakeAliasCategory("MlNode")]
public static class MlNodeAliases
{
    /// <summary>
    /// Runs the whole pipeline (download, deploy, throughput, validate) against one node and writes its experiment
    /// folder. A failed validation is a result to branch on; with <see cref="MlNodeValidateSettings.ThrowOnFailure"/>
    /// it throws a <see cref="CakeException"/> with the contract's exit code instead.
    /// </summary>
    /// <example><code>var result = MlNodeValidate(new MlNodeValidateSettings { MlNodeUrl = url, Model = "Qwen/Qwen3-32B-FP8" });</code></example>
    /// <exception cref="CakeException">Bad settings (exit 1), or a failed run with ThrowOnFailure.</exception>
    [CakeMethodAlias]
    public static MlNodeValidateResult MlNodeValidate(this ICakeContext context, MlNodeValidateSettings settings)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(settings);
        var redactor = new SecretRedactor();
        var log = new CakeRunLog(context.Log, redactor);
        var run = Resolve(context, settings, redactor, sources => RunSettingsResolver.Resolve(sources, TaskPlan.AllPhases, null, redactor));
        var outcome = new PipelineEngine(log).RunAsync(run).GetAwaiter().GetResult();
        var summary = outcome.Report.Throughput.Summary;
        var result = new MlNodeValidateResult(
            outcome.Verdict.Text,
            outcome.ExitCode,
            summary is null ? null : summary.CounterRate ?? summary.AverageSum,
            outcome.ExperimentDirectory,
            Path.Combine(outcome.ExperimentDirectory, ExperimentDirectory.ReportFile),
            outcome.Error);
        if (settings.ThrowOnFailure && !result.Passed)
        {
            throw new CakeException(result.ExitCode, $"MLNode validation of {run.Model} on {run.Node.Display}: {result.Error ?? result.Verdict} (exit code {result.ExitCode}); see {result.ReportPath}");
        }

        return result;
    }

    /// <summary>
    /// Bakes a golden reference from a trusted node that serves the model, checks that the node reproduces it, and
    /// writes it atomically (never over an existing file unless <see cref="MlNodeBakeReferenceSettings.Force"/>).
    /// </summary>
    /// <returns>The path of the reference written.</returns>
    /// <exception cref="CakeException">Bad settings, or the bake failed; exit code 1.</exception>
    [CakeMethodAlias]
    public static string MlNodeBakeReference(this ICakeContext context, MlNodeBakeReferenceSettings settings)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(settings);
        var redactor = new SecretRedactor();
        var log = new CakeRunLog(context.Log, redactor);
        var plan = new TaskPlan(TaskPlan.Tasks.BakeReference, [TaskPlan.Tasks.Download, TaskPlan.Tasks.Deploy, TaskPlan.Tasks.BakeReference]);
        var bake = Resolve(context, settings, redactor, sources => Baking.BakeSettingsResolver.Resolve(sources, plan, TimeProvider.System.GetLocalNow(), redactor));
        using var job = new BakeJob(bake, log);
        Exception? error = null;
        try
        {
            job.DownloadAsync().GetAwaiter().GetResult();
            job.DeployAsync().GetAwaiter().GetResult();
            job.BakeAsync().GetAwaiter().GetResult();
        }
        catch (Exception ex) when (ex is MlNodeException or OperationCanceledException)
        {
            error = ex;
        }

        var code = job.Complete(error, log);
        return code == ExitCodes.Pass && job.Written is not null
            ? bake.OutPath
            : throw new CakeException(code, $"MLNode reference bake of {bake.Target.Model} failed: {error?.Message ?? "nothing was written"}");
    }

    /// <summary>
    /// Validates every (node, model) pair of a Gonka Network Node's fleet at once (from its Admin API, or a
    /// node-config.json), with the Network Node's own safety rules, into one fleet folder. A fleet that did not pass
    /// is a result to branch on; with <see cref="MlNodeFleetSettings.ThrowOnFailure"/> it throws a
    /// <see cref="CakeException"/> with the fleet's exit code instead.
    /// </summary>
    /// <example><code>var fleet = MlNodeFleet(new MlNodeFleetSettings { AdminApi = "http://10.0.0.2:9200" });</code></example>
    /// <exception cref="CakeException">Bad settings or a refused schedule (exit 1), or a failed fleet with ThrowOnFailure.</exception>
    [CakeMethodAlias]
    public static MlNodeFleetResult MlNodeFleet(this ICakeContext context, MlNodeFleetSettings settings)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(settings);
        var (run, log) = RunMany(
            context,
            settings,
            FleetSettingsResolver.Resolve,
            (fleet, sources, engine, log) => FleetValidation.RunAsync(fleet, sources, engine, log, TimeProvider.System, CancellationToken.None));
        log.Lines(FleetTable.Render(run));

        var result = new MlNodeFleetResult(
            run.Result.ExitCode,
            run.Directory,
            Path.Combine(run.Directory, FleetFiles.ReportFile),
            [.. run.Result.Rows.Select(r => new MlNodeFleetPair(r.NodeId, r.Model, r.StatusText, r.ExitCode, r.ExperimentDirectory is null ? null : Path.Combine(run.Directory, r.ExperimentDirectory), r.Reason))]);
        if (settings.ThrowOnFailure && !result.Passed)
        {
            throw new CakeException(result.ExitCode, $"MLNode fleet validation: {run.Result.Counts.Fail} FAIL, {run.Result.Counts.Error} ERROR, {run.Result.Counts.Refused} REFUSED (exit code {result.ExitCode}); see {result.ReportPath}");
        }

        return result;
    }

    /// <summary>
    /// Cross-checks the hardware classes of a fleet (or ad-hoc MLNodes): every node generates PoC vectors for the same
    /// nonces, every other node (and the golden reference) judges them, into one crosscheck folder with a heatmap. An
    /// incompatible pair is a result to branch on; with <see cref="MlNodeCrossCheckSettings.ThrowOnFailure"/> it throws
    /// a <see cref="CakeException"/> with the exit code instead.
    /// </summary>
    /// <example><code>var matrix = MlNodeCrossCheck(new MlNodeCrossCheckSettings { AdminApi = "http://10.0.0.2:9200" });</code></example>
    /// <exception cref="CakeException">Bad settings or a refused schedule (exit 1), or an unclean matrix with ThrowOnFailure.</exception>
    [CakeMethodAlias]
    public static MlNodeCrossCheckResult MlNodeCrossCheck(this ICakeContext context, MlNodeCrossCheckSettings settings)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(settings);
        var (run, log) = RunMany(
            context,
            settings,
            CrossCheckSettingsResolver.Resolve,
            (crossCheck, sources, engine, log) => CrossCheckRunner.RunAsync(crossCheck, sources, engine, log, TimeProvider.System, CancellationToken.None));
        log.Lines(CrossCheckTable.Render(run));
        var result = new MlNodeCrossCheckResult(
            run.ExitCode,
            run.Directory,
            Path.Combine(run.Directory, CrossCheckFiles.ReportFile),
            [.. run.Matrices.SelectMany(m => m.Cells.Select(c => new MlNodeCrossCheckCell(m.Plan.Model.Value, c.Generator, m.HardwareOf(c.Generator), c.Validator, m.HardwareOf(c.Validator), c.StatusText, c.NMismatch, c.NTotal)))],
            [.. run.Incompatible]);
        if (settings.ThrowOnFailure && !result.Passed)
        {
            throw new CakeException(result.ExitCode, $"MLNode cross-check: {result.Incompatible.Count} incompatible pair(s) (exit code {result.ExitCode}); see {result.ReportPath}");
        }

        return result;
    }

    // A multi-node target from a script: settings resolved as the task pack's inputs, the run awaited on the script's
    // thread, and an input error found on the way (a refused schedule) the same one-line Cake failure as bad settings.
    private static (TRun Run, IRunLog Log) RunMany<TSettings, TRun>(
        ICakeContext context,
        MlNodeArgumentsBase settings,
        Func<SettingsSources, SecretRedactor, TSettings> resolve,
        Func<TSettings, SettingsSources, PipelineEngine, IRunLog, Task<TRun>> run)
    {
        var redactor = new SecretRedactor();
        IRunLog log = new CakeRunLog(context.Log, redactor);
        SettingsSources? sources = null;
        var resolved = Resolve(context, settings, redactor, s => resolve(sources = s, redactor));
        try
        {
            return (run(resolved, sources!, new PipelineEngine(log), log).GetAwaiter().GetResult(), log);
        }
        catch (InputException ex)
        {
            throw new CakeException(ExitCodes.Error, "ERROR: " + ex.Message);
        }
    }

    // The settings as the task pack's inputs, secrets registered before anything can print them; bad settings are the
    // task pack's one-line input errors, as a Cake failure with exit code 1.
    private static T Resolve<T>(ICakeContext context, MlNodeArgumentsBase settings, SecretRedactor redactor, Func<SettingsSources, T> resolve)
    {
        try
        {
            var sources = settings.Sources(context);
            MlNode.Tasks.Cake.CakeInputs.RegisterSecrets(sources, redactor);
            return resolve(sources);
        }
        catch (InputException ex)
        {
            throw new CakeException(ExitCodes.Error, "ERROR: " + ex.Message);
        }
    }
}
