using Cake.Core;
using Cake.Core.Annotations;
using MlNode.Tasks.Common;
using MlNode.Tasks.Configuration;
using MlNode.Tasks.CrossCheck;
using MlNode.Tasks.Fleet;
using MlNode.Tasks.Cake;
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
        using var session = new AliasSession(context);
        var run = session.Resolve(settings, (sources, redactor) => RunSettingsResolver.Resolve(sources, TaskPlan.AllPhases, null, redactor, session.Engine.References));
        var outcome = session.Run(() => session.Engine.RunAsync(run));
        new FailureReporter(session.Log, session.Pipeline, session.Redactor).Publish(outcome);
        var summary = outcome.Report.Throughput.Summary;
        var result = new MlNodeValidateResult
        {
            Verdict = AddinOutcomes.Verdict(outcome.Report.Judgement.Verdict.Kind),
            VerdictText = outcome.Verdict.Text,
            Label = outcome.Report.Judgement.Label,
            Headline = outcome.Report.Judgement.Headline,
            Cause = outcome.Report.Judgement.Cause?.Line,
            NextStep = outcome.Report.Judgement.NextStep,
            ExitCode = outcome.ExitCode,
            Scheme = PoC.PocSchemes.Name(run.Reference.Scheme),
            ThroughputNoncesPerSecond = summary is null ? null : summary.CounterRate ?? summary.AverageSum,
            ExperimentDirectory = outcome.ExperimentDirectory,
            ReportPath = Path.Combine(outcome.ExperimentDirectory, ExperimentDirectory.ReportFile),
            Error = outcome.Error,
        };
        if (settings.ThrowOnFailure && !result.Passed)
        {
            throw new CakeException(result.ExitCode, $"MLNode validation of {run.Model} on {run.Node.Display}: {result.Error ?? result.VerdictText} (exit code {result.ExitCode}); " +
                $"see {result.ReportPath}");
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
        using var session = new AliasSession(context);
        var plan = TaskPlan.Bake;
        var bake = session.Resolve(settings, (sources, redactor) => Baking.BakeSettingsResolver.Resolve(sources, plan, session.Time.GetLocalNow(), redactor));
        using var job = new BakeJob(bake, session.Log, session.Engine.Environment(session.Interrupt));
        var code = job.Run();
        return code == ExitCodes.Pass && job.Written is not null
            ? bake.OutPath
            : throw new CakeException(code, $"MLNode reference bake of {bake.Target.Model} failed: {session.Redactor.Redact(job.Failure?.Message ?? "nothing was written")}");
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
        using var session = new AliasSession(context);
        var fleet = session.Resolve(settings, FleetSettingsResolver.Resolve);
        var run = session.Run(() => MlNode.Tasks.Cake.FleetTask.RunAsync(fleet, session.Sources!, session.Engine, session.Log, session.Pipeline, session.Interrupt));
        var result = new MlNodeFleetResult
        {
            ExitCode = run.Result.ExitCode,
            FleetDirectory = run.Directory,
            ReportPath = Path.Combine(run.Directory, FleetFiles.ReportFile),
            Pairs = [.. run.Result.Rows.Select(r => new MlNodeFleetPair
            {
                NodeId = r.NodeId,
                Model = r.Model,
                Status = AddinOutcomes.Pair(r.Status),
                Label = r.Label,
                ExitCode = r.ExitCode,
                ExperimentDirectory = r.ExperimentDirectory is null ? null : Path.Combine(run.Directory, r.ExperimentDirectory),
                Reason = r.Reason,
            })],
        };
        if (settings.ThrowOnFailure && !result.Passed)
        {
            throw new CakeException(result.ExitCode, $"MLNode fleet validation: {run.Result.Counts.Fail} FAIL, {run.Result.Counts.Error} ERROR, " +
                $"{run.Result.Counts.Refused} REFUSED (exit code {result.ExitCode}); see {result.ReportPath}");
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
        using var session = new AliasSession(context);
        var crossCheck = session.Resolve(settings, CrossCheckSettingsResolver.Resolve);
        var run = session.Run(() => MlNode.Tasks.Cake.CrossCheckTask.RunAsync(new CrossCheckInputs(crossCheck, session.Sources!, null), session.Engine,
            session.Log, session.Pipeline, session.Interrupt));
        var result = new MlNodeCrossCheckResult
        {
            ExitCode = run.ExitCode,
            CrossCheckDirectory = run.Directory,
            ReportPath = Path.Combine(run.Directory, CrossCheckFiles.ReportFile),
            Cells = [.. run.Matrices.SelectMany(m => m.Cells.Select(c => new MlNodeCrossCheckCell
            {
                Model = m.Plan.Model.Value,
                Generator = c.Generator,
                GeneratorHardware = m.HardwareOf(c.Generator),
                Validator = c.Validator,
                ValidatorHardware = m.HardwareOf(c.Validator),
                Status = AddinOutcomes.Cell(c.Status),
                Label = c.Judgement.Label,
                Cause = c.Judgement.Cause?.Line,
                Mismatches = c.NMismatch,
                Nonces = c.NTotal,
            }))],
            Incompatible = [.. run.Incompatible],
        };
        if (settings.ThrowOnFailure && !result.Passed)
        {
            throw new CakeException(result.ExitCode, $"MLNode cross-check: {result.Incompatible.Count} incompatible pair(s) (exit code {result.ExitCode}); see {result.ReportPath}");
        }

        return result;
    }
}
