using MlNode.Tasks.Baking;
using MlNode.Tasks.Common;
using MlNode.Tasks.Configuration;
using MlNode.Tasks.Phases;
using MlNode.Tasks.References;
using MlNode.Tasks.Reports;

namespace MlNode.Tasks.Running;

/// <summary>
/// BakeReference as a job: download and deploy (the same phases a validation run has, with the bake's deploy args),
/// then bake, verify and write the reference atomically, and print the command that validates against it.
/// </summary>
internal sealed class BakeJob : INodeJob
{
    private readonly NodeConnection _node;
    private readonly PhaseContext _context;
    private readonly IRunLog _log;
    private readonly TimeProvider _time;
    private readonly SecretRedactor _redactor;
    private readonly DownloadSection _download = new();
    private readonly DeploySection _deploy = new();

    /// <summary>Creates the job.</summary>
    public BakeJob(BakeSettings settings, IRunLog log, RunEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(environment);
        Settings = settings;
        _log = log;
        _time = environment.Time;
        _redactor = environment.Redactor;
        _node = new NodeConnection(settings.Target, log, environment);
        _context = _node.Context;
    }

    /// <summary>Gets the settings.</summary>
    public BakeSettings Settings { get; }

    /// <summary>Gets what ended the bake without a reference, once completed; null when it was written.</summary>
    public Failure? Failure { get; private set; }

    /// <summary>Gets the reference written, once written.</summary>
    public GoldenReference? Written { get; private set; }

    /// <inheritdoc />
    public Task DownloadAsync() => PhaseStep.RunAsync(
        Phase.Download,
        Settings.Phases[Phase.Download],
        $"ensuring '{Settings.Target.Model}' is cached on the trusted MLNode",
        _log,
        _context.Interrupt,
        () => DownloadPhase.RunAsync(_context, _download),
        () => $"  -> {_download.Action}",
        (_, _) => { });

    /// <inheritdoc />
    public Task DeployAsync() => PhaseStep.RunAsync(
        Phase.Deploy,
        Settings.Phases[Phase.Deploy],
        $"model={Settings.Target.Model} dtype={Settings.Target.Deploy.Dtype.Value} additional_args={Configuration.DeployArguments.Display(Settings.Target.Deploy.AdditionalArgs)}",
        _log,
        _context.Interrupt,
        () => _node.DeployAsync(_deploy),
        () => $"  -> {_deploy.Action}",
        (_, _) => { });

    /// <summary>Bakes, verifies and writes the reference.</summary>
    public async Task BakeAsync()
    {
        _log.Line($"[bake] {Settings.Target.Model} from {Settings.Target.Node.Display} -> {ReferenceCatalog.Relative(Settings.OutPath, Settings.Target.RepositoryRoot)}");
        try
        {
            await _node.EnsureVllmAsync(_deploy, Settings.Phases[Phase.Deploy].Reason ?? "deploy did not run").ConfigureAwait(false);

            var reference = await ReferenceBaker.BakeAsync(_context, Settings, _time.GetLocalNow()).ConfigureAwait(false);
            Write(reference);
            Written = reference;
        }
        catch (OperationCanceledException ex) when (_context.Interrupt.IsCancellationRequested)
        {
            throw new RunInterruptedException("interrupted during [bake]; nothing was written", ex);
        }
    }

    /// <summary>The whole bake for a caller without a task graph (the alias): every step, then <see cref="Complete"/>.</summary>
    /// <returns>The exit code.</returns>
    public int Run()
    {
        Exception? error = null;
        try
        {
            DownloadAsync().GetAwaiter().GetResult();
            DeployAsync().GetAwaiter().GetResult();
            BakeAsync().GetAwaiter().GetResult();
        }
        catch (Exception ex) when (ex is MlNodeException or OperationCanceledException)
        {
            error = ex;
        }

        return Complete(error, _log);
    }

    /// <inheritdoc />
    public int Complete(Exception? error, IRunLog log)
    {
        ArgumentNullException.ThrowIfNull(log);
        if (error is null && Written is not null)
        {
            var root = Settings.Target.RepositoryRoot;
            var reference = Settings.OutIsDefaultLookup ? string.Empty : $" --reference={ReferenceCatalog.Relative(Settings.OutPath, root)}";
            // Reading the file back (rather than hashing the bytes we meant to write) proves that what landed on
            // disk parses as a reference, and the printed hash is the one CheckReferences and reports will show.
            var landed = ReferenceReader.Load(Settings.OutPath);
            log.Line($"wrote {ReferenceCatalog.Relative(Settings.OutPath, root)} ({landed.Header.Count} nonces, sha256 {landed.Header.Sha256})");
            log.Line("validate a node against it with:");
            log.Line($"  ./build.sh --target=Report --mlnode-url=<mlnode-url> --model={Settings.Target.Model}{reference}");
            return ExitCodes.Pass;
        }

        var failure = Failure = error is null
            ? new Failure(FailureKind.Known, "the bake did not run (BakeReference was not part of the task plan)", ExitCodes.Error)
            : Failure.Of(error);
        log.Error(_redactor.Redact(failure.Message) + (Written is null ? "; no reference was written" : string.Empty));
        return failure.ExitCode;
    }

    /// <inheritdoc />
    public void Dispose() => _node.Dispose();

    private void Write(GoldenReference reference)
    {
        var json = ReferenceWriter.ToJson(reference);
        try
        {
            if (Settings.Force)
            {
                AtomicFile.WriteAllText(Settings.OutPath, json);
            }
            else
            {
                AtomicFile.CreateNew(Settings.OutPath, json);
            }
        }
        catch (IOException) when (!Settings.Force && File.Exists(Settings.OutPath))
        {
            throw new InputException($"reference '{Settings.OutPath}' appeared while baking and is not overwritten; pass --force to replace it");
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new MlNodeException($"cannot write the reference to '{Settings.OutPath}': {ex.Message}");
        }
    }
}
