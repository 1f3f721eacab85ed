using System.Globalization;
using MlNode.Tasks.Common;
using MlNode.Tasks.Configuration;
using MlNode.Tasks.Gates;
using MlNode.Tasks.Phases;
using MlNode.Tasks.References;
using MlNode.Tasks.Reports;

namespace MlNode.Tasks.Running;

/// <summary>
/// One validation run against one node: claims the experiment folder, runs whichever phases the settings ask
/// for (each printing its [i/4] header), keeps the report current after every step, and turns the ending
/// (pass, fraud, error, interrupt) into the verdict, the files and the exit code. The Cake tasks call it phase
/// by phase; tests and tools drive it directly.
/// </summary>
internal sealed class ValidationRun : INodeJob
{
    private readonly NodeConnection _node;
    private readonly PhaseContext _context;
    private readonly IRunLog _log;
    private readonly TimeProvider _time;
    private readonly ReferenceCache _references;

    private ValidationRun(RunSettings settings, IRunLog log, RunReport report, RunEnvironment environment)
    {
        Settings = settings;
        Report = report;
        _time = environment.Time;
        _references = environment.References ?? new ReferenceCache();
        _log = new ReportingLog(log, report);
        _node = new NodeConnection(settings.Target, _log, environment);
        _context = _node.Context;
    }

    /// <summary>Gets the settings.</summary>
    public RunSettings Settings { get; }

    /// <summary>Gets the report as it stands.</summary>
    public RunReport Report { get; }

    /// <summary>Claims the experiment folder, writes the config and the initial report, and prints the run's inputs.</summary>
    /// <exception cref="InputException">The experiment folder cannot be claimed.</exception>
    public static ValidationRun Start(RunSettings settings, IRunLog log, RunEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(log);
        ArgumentNullException.ThrowIfNull(environment);
        var now = environment.Time.GetLocalNow();
        var directory = ExperimentDirectory.Claim(settings.Experiment, now, log.Warning);
        var report = new RunReport(settings, directory, now, environment.Redactor);
        ReportWriter.WriteConfig(report);
        ReportWriter.WriteReport(report);
        var run = new ValidationRun(settings, log, report, environment);
        RunInputs.Print(log, settings, ReferenceCatalog.Relative(directory, settings.RepositoryRoot));
        return run;
    }

    /// <inheritdoc />
    public Task DownloadAsync() => RunPhaseAsync(
        Phase.Download,
        $"ensuring '{Settings.Model}' is cached on the MLNode",
        () => DownloadPhase.RunAsync(_context, Report.Download),
        () => $"  -> {Report.Download.Action} in {Durations.Short(Report.Download.ElapsedSeconds)} (status: {Report.Download.LastStatus?["status"]})");

    /// <inheritdoc />
    public Task DeployAsync() => RunPhaseAsync(
        Phase.Deploy,
        $"model={Settings.Model} dtype={Settings.Deploy.Dtype.Value} additional_args={Configuration.DeployArguments.Display(Settings.Deploy.AdditionalArgs)}",
        () => _node.DeployAsync(Report.Deploy),
        () => $"  -> {Report.Deploy.Action} in {Durations.Short(Report.Deploy.ElapsedSeconds)}");

    /// <summary>[3/4] throughput.</summary>
    public Task ThroughputAsync() => RunPhaseAsync(
        Phase.Throughput,
        $"starting init/generate (batch_size={Settings.Batches.Throughput?.Value.ToString(CultureInfo.InvariantCulture) ?? BatchSettings.NodeDefault})",
        async () =>
        {
            await EnsureVllmAsync().ConfigureAwait(false);
            await ThroughputPhase.RunAsync(_context, new ThroughputPlan(Settings.Reference.Poc, Settings.Batches.Throughput?.Value, Settings.Sampling), Report.Throughput).ConfigureAwait(false);
        },
        () => null);

    /// <summary>[4/4] validate.</summary>
    public Task ValidateAsync() => RunPhaseAsync(
        Phase.Validate,
        $"sending {Settings.Reference.Count} {(Settings.Reference.Scheme == PoC.PocScheme.Decode ? "decode trajectories" : "vectors")}  stat_test: {RunInputs.StatTest(Settings.StatTest)}",
        async () =>
        {
            await EnsureVllmAsync().ConfigureAwait(false);
            var ownUnconfirmed = Report.Throughput.GenerationStarted && !Report.Throughput.StopConfirmed;
            var plan = new ValidationPlan(_references.Load(Settings.Reference), Settings.StatTest.Parameters, Settings.Batches.Validation?.Value,
                Settings.Batches.ValidationReason, ownUnconfirmed, Settings.VerifyVectors, Report.DeployArgsApplied, Report.Node?.PocPluginVersion);
            await ValidatePhase.RunAsync(_context, plan, Report.Validation).ConfigureAwait(false);
        },
        () => ValidationLine(RunJudge.Validation(Report.Validation, Settings.StatTest.Parameters.DistThreshold)));

    // The validate phase's result: the validation's judgement before gates, one line each for the verdict, why and next.
    private static string ValidationLine(Judging.Judgement judgement) =>
        string.Join('\n', Judging.JudgementLines.Reasons(judgement, "  ").Prepend($"  -> {judgement.Label}"));

    /// <summary>Runs the four phases in their order (what the Cake graph does for --target=Report) and finishes.</summary>
    public async Task<RunOutcome> RunAllAsync()
    {
        try
        {
            foreach (var phase in PhaseNames.InOrder)
            {
                await RunAsync(phase).ConfigureAwait(false);
            }

            return Finish(null);
        }
        catch (Exception ex)
        {
            return Finish(ex);
        }
    }

    /// <summary>
    /// Records the failure that ended the run without finishing it, so later phases report "not reached"
    /// (used when a failure must not escape, e.g. between the runs of --all-references).
    /// </summary>
    public void Fail(Exception error)
    {
        ArgumentNullException.ThrowIfNull(error);
        if (!RunFailure.Record(Report, error))
        {
            return;
        }

        try
        {
            ReportWriter.WriteProgress(Report);
        }
        catch (MlNodeException)
        {
            // Finish writes again and keeps the first error; a disk that is full now may not be at the end.
        }
    }

    /// <summary>Gets how the run ended, once <see cref="Finish"/> ended it; null while it runs.</summary>
    public RunOutcome? Outcome { get; private set; }

    /// <summary>
    /// Ends the run, once: records how it ended, writes the final report files and keeps the outcome. The first
    /// ending is the run's (the Report task's, or the session's when Report did not run); later calls return it.
    /// </summary>
    /// <param name="error">The exception that ended the run, or null when every planned phase finished.</param>
    public RunOutcome Finish(Exception? error) => Outcome ??= End(error);

    private RunOutcome End(Exception? error)
    {
        if (error is not null)
        {
            Fail(error);
        }
        else
        {
            AnnounceSkipped(before: null);
            JudgeGates();
        }

        Report.FinishedAt = _time.GetLocalNow();
        PushMetrics();
        try
        {
            ReportWriter.WriteReport(Report);
        }
        catch (MlNodeException ex)
        {
            // The disk filled up or went away: the last report written (atomically) stays valid on disk.
            Report.Error ??= Report.Redactor.Redact(Failure.Of(ex).Message);
        }

        return new RunOutcome(Report.Verdict, Report.ExperimentDirectory, SummaryRenderer.Render(Report), Report.Error, Report);
    }

    // Once per run, before the last write, so a failed push is a warning in the report too; never a changed exit code.
    private void PushMetrics()
    {
        if (Settings.Pushgateway is not { } gateway)
        {
            return;
        }

        var pusher = new Metrics.PushgatewayPusher(gateway, Report.Redactor, Settings.Timing.RequestTimeout.Value);
        var problem = pusher.PushAsync(ReportDocument.Report(Report), CancellationToken.None).GetAwaiter().GetResult();
        if (problem is not null)
        {
            _log.Warning($"metrics not pushed: {problem}; the run's result and files are unaffected");
        }
        else
        {
            _log.Line($"metrics: pushed to {gateway.Display} as job {Metrics.ValidationMetrics.Job}");
        }
    }

    /// <inheritdoc />
    public int Complete(Exception? error, IRunLog log)
    {
        ArgumentNullException.ThrowIfNull(log);
        var outcome = Finish(error);
        log.Line(string.Empty);
        log.Lines(outcome.Summary);

        if (outcome.Error is not null)
        {
            log.Error(outcome.Error);
        }
        else if (outcome.ExitCode != ExitCodes.Pass)
        {
            log.Line($"{Report.Judgement.Headline} (exit code {outcome.ExitCode})");
        }

        return outcome.ExitCode;
    }

    /// <inheritdoc />
    public void Dispose() => _node.Dispose();

    // After the phases, before the ending is written: a gate asked for but impossible to judge fails the run.
    private void JudgeGates()
    {
        try
        {
            Report.Gates.AddRange(GateEvaluator.Evaluate(Report));
        }
        catch (MlNodeException ex)
        {
            RunFailure.Record(Report, ex);
        }
    }

    private async Task RunPhaseAsync(Phase phase, string header, Func<Task> body, Func<string?> result)
    {
        if (Report.Error is not null || Report.Interrupted)
        {
            // An earlier phase already ended this run (its failure was contained): later phases are not reached.
            _log.Line($"{phase.Header()}: not reached ({Report.ErrorPhase?.Key() ?? "an earlier phase"} failed)");
            return;
        }

        AnnounceSkipped(before: phase);
        await IdentifyAsync(phase).ConfigureAwait(false);
        var record = Report.Phases[phase];
        var started = _time.GetTimestamp();
        await PhaseStep.RunAsync(phase, Settings.Phases[phase], header, _log, _context.Interrupt, body, result, (state, reason) =>
        {
            record.State = state;
            record.Reason = reason ?? record.Reason;
            record.StartedAt ??= state == PhaseState.Running ? _time.GetUtcNow() : null;
            if (state is PhaseState.Failed or PhaseState.Interrupted)
            {
                Report.ErrorPhase = phase;
            }

            if (state is PhaseState.Completed or PhaseState.Failed or PhaseState.Interrupted)
            {
                record.ElapsedSeconds = Math.Round(_time.GetElapsedTime(started).TotalSeconds, 3);
            }

            ReportWriter.WriteProgress(Report);
        }).ConfigureAwait(false);
    }

    // Cake never calls the tasks outside its plan (--exclusive, or a target that stops earlier): their phases are
    // announced as skipped, in order, before the next phase that runs or when the run ends.
    private void AnnounceSkipped(Phase? before)
    {
        foreach (var phase in PhaseNames.Before(before))
        {
            var record = Report.Phases[phase];
            if (record.State == PhaseState.Pending && !Settings.Phases[phase].Runs)
            {
                _log.Line($"{phase.Header()}: skipped ({Settings.Phases[phase].Reason})");
                record.State = PhaseState.Skipped;
                record.Reason = Settings.Phases[phase].Reason;
            }
        }
    }

    // Who the node is, asked before the first phase that runs; the versions come from a vLLM backend, so a node that
    // had none then (503) is asked again once one is up. Never an error: an older node simply does not say.
    private async Task IdentifyAsync(Phase phase)
    {
        var first = Report.Node is null;
        if (!first && !VersionsAwaitedABackend(phase))
        {
            return;
        }

        try
        {
            var identity = await _context.Client.GetIdentityAsync(_context.Interrupt).ConfigureAwait(false);
            Report.Node = first ? identity : Report.Node! with
            {
                MlnodeVersion = identity.MlnodeVersion ?? Report.Node!.MlnodeVersion,
                VllmVersion = identity.VllmVersion,
                PocPluginVersion = identity.PocPluginVersion,
                Note = identity.VllmVersion is null ? Report.Node!.Note : null,
            };
            if (first || identity.VllmVersion is not null)
            {
                _log.Line($"node: {Report.Node.Line}");
            }
        }
        catch (OperationCanceledException)
        {
            // Interrupted: the phase that follows observes it.
        }
    }

    // The versions are answered by a vLLM backend: a node that had none before deploy (503) can say them once one runs.
    private bool VersionsAwaitedABackend(Phase phase) =>
        phase is Phase.Throughput or Phase.Validate &&
        Report.Node is { VllmVersion: null, Note: { } note } && note.Contains(": 503", StringComparison.Ordinal);

    private Task RunAsync(Phase phase) => phase switch
    {
        Phase.Download => DownloadAsync(),
        Phase.Deploy => DeployAsync(),
        Phase.Throughput => ThroughputAsync(),
        Phase.Validate => ValidateAsync(),
        _ => throw new ArgumentOutOfRangeException(nameof(phase), phase, "not a phase"),
    };

    private Task EnsureVllmAsync() => _node.EnsureVllmAsync(Report.Deploy, Settings.Phases[Phase.Deploy].Reason ?? "deploy did not run");
}
