using Cake.Core;
using Cake.Core.Diagnostics;
using MlNode.Tasks.Baking;
using MlNode.Tasks.Ci;
using MlNode.Tasks.Common;
using MlNode.Tasks.Configuration;
using MlNode.Tasks.Demo;
using MlNode.Tasks.Hosting;
using MlNode.Tasks.References;
using MlNode.Tasks.Reports;
using MlNode.Tasks.Running;
using Newtonsoft.Json.Linq;

using MlNode.Tasks.Engine;

namespace MlNode.Tasks.Cake;

/// <summary>
/// What a Cake script needs around the task graph: inputs validated before anything runs (a bad argument is one
/// <c>ERROR:</c> line and exit 1, with no Cake output around it), a session per pass of the graph, and an ending
/// that prints the contract's summary last and exits with the contract's code (0 / 2 / 1 / 130), which Cake
/// alone cannot do. <c>--all-references</c> runs the graph once per reference.
/// </summary>
public sealed class MlNodeBuild : IDisposable
{
    private static readonly string[] DryRunSwitches = ["dryrun", "noop", "whatif"];

    private readonly ICakeContext _context;
    private readonly MlNodeBuildOptions _options;
    private readonly SecretRedactor _redactor = new();
    private readonly TextWriter? _jsonOut;
    private readonly Interruption _interruption;
    private readonly IPipelineReporter _pipeline;
    private readonly List<Pass> _passes = [];
    private readonly List<int> _exitCodes = [];
    private readonly List<JObject> _reports = [];
    private readonly DeployMemory _deployed = new();
    private DemoEnvironment? _demo;
    private bool _exclusive;
    private int _current;
    private MlNodeSession? _session;
    private readonly bool _dryRun;

    private MlNodeBuild(ICakeContext context, MlNodeBuildOptions options)
    {
        _context = context;
        _options = options;
        Sources = CakeInputs.From(context, options);
        _dryRun = IsDryRun(context);
        if (RequestsJson(Sources))
        {
            // stdout carries only the final report JSON; everything else, Cake's own output included, moves off it.
            _jsonOut = new StreamWriter(Console.OpenStandardOutput()) { AutoFlush = true };
            Console.SetOut(Console.Error);
            context.Log.Verbosity = Verbosity.Quiet;
        }

        _pipeline = PipelineDetection.Detect(context, Console.Out);
        Log = new PipelineLog(new TextRunLog(Console.Out, _redactor), _pipeline);
        _interruption = new Interruption(Log.Line);
    }

    /// <summary>Gets the raw inputs of this invocation.</summary>
    public SettingsSources Sources { get; }

    /// <summary>Gets where human-readable lines go.</summary>
    public IRunLog Log { get; }

    /// <summary>Creates the build for a script; call before declaring tasks.</summary>
    public static MlNodeBuild Create(ICakeContext context, MlNodeBuildOptions options)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(options);
        return new MlNodeBuild(context, options);
    }

    /// <summary>
    /// The script's last statement: validates the inputs for <paramref name="target"/>, then runs the graph (once,
    /// or once per reference with --all-references). Never returns: the last pass's Teardown exits the process.
    /// </summary>
    /// <param name="target">The target task.</param>
    /// <param name="exclusive">The script's <c>Settings.Exclusive</c>: Cake's Setup context lists the target's whole
    /// dependency chain even when --exclusive runs the target alone.</param>
    /// <param name="runTarget">The script's RunTarget.</param>
    public void Run(string target, bool exclusive, Func<string, CakeReport> runTarget)
    {
        ArgumentNullException.ThrowIfNull(runTarget);
        _exclusive = exclusive;
        if (Sources.Arguments.ContainsKey(ArgumentCheck.UsageArgument) && !string.Equals(target, TaskPlan.Tasks.Simulator, StringComparison.OrdinalIgnoreCase))
        {
            target = TaskPlan.Tasks.Help;
        }

        try
        {
            Prepare(target);
        }
        catch (Exception ex)
        {
            var code = PrintError(ex);
            Annotate(ex.Message);
            Exit(code);
        }

        for (_current = 0; _current < _passes.Count; _current++)
        {
            try
            {
                runTarget(target);
            }
            catch (Exception ex) when (_exitCodes.Count <= _current)
            {
                // Cake failed before Setup (an unknown --target, a dependency cycle): no session exists to report it.
                var code = PrintError(Unwrap(ex)!);
                Log.Line("list the tasks with: ./build.sh --target=Help");
                Annotate(ex.Message);
                Exit(code);
            }
            catch (Exception)
            {
                // Reported by EndSession; the next reference still runs.
            }

            if (_interruption.Requested)
            {
                break;
            }
        }

        Exit(ExitCodes.Worst(_exitCodes));
    }

    /// <summary>Gets the current pass's session (set by Setup, cleared by Teardown).</summary>
    public MlNodeSession Session => _session ?? throw new InvalidOperationException("no session: MlNodeBuild.BeginSession must run in Setup");

    /// <summary>Setup: starts the pass's job for the task plan Cake is about to execute.</summary>
    public void BeginSession(ISetupContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var plan = new TaskPlan(context.TargetTask.Name, _exclusive ? [context.TargetTask.Name] : context.TasksToExecute.Select(t => t.Name));
        var pass = _passes.Count > 0 ? _passes[_current] : new Pass(null, null);
        if (_dryRun)
        {
            _session = new MlNodeSession(null, containFailures: false);
            DescribeDryRun(plan, pass);
            return;
        }

        var environment = new RunEnvironment(TimeProvider.System, _interruption.Token, Deployed: _deployed);
        INodeJob? job = null;
        if (plan.Includes(TaskPlan.Tasks.BakeReference) && pass.Bake is { } bake)
        {
            job = new BakeJob(bake with { Phases = RunSettingsResolver.DecidePhases(Sources, plan) }, Log, environment);
        }
        else if (plan.NeedsNode && pass.Run is { } settings)
        {
            job = ValidationRun.Start(settings with { Phases = RunSettingsResolver.DecidePhases(Sources, plan) }, Log, environment);
        }

        _session = new MlNodeSession(job, containFailures: _current < _passes.Count - 1);
    }

    /// <summary>Teardown: completes the pass's job (report files, summary) and, after the last pass, exits.</summary>
    public void EndSession(ITeardownContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var error = Unwrap(context.ThrownException) ?? _session?.ContainedFailure;
        int code;
        if (_session?.Job is { } job)
        {
            code = job.Complete(error, Log);
            if (_session.Run is { } run)
            {
                Publish(run.Finish(error));
                _reports.Add(ReportDocument.Report(run.Report));
                if (_demo is not null && _current == _passes.Count - 1)
                {
                    foreach (var line in _demo.Epilogue())
                    {
                        Log.Line(line);
                    }
                }
            }

            job.Dispose();
        }
        else if (error is not null)
        {
            code = PrintError(error);
        }
        else
        {
            code = _session?.ExitCode ?? ExitCodes.Pass;
        }

        if (_dryRun && error is null)
        {
            Log.Line("dry run: the inputs are valid; no MLNode was contacted and nothing was written (drop --dryrun to run)");
        }

        if (code != ExitCodes.Pass && _session?.Run is null)
        {
            Annotate(error?.Message ?? $"exit code {code}");
        }

        _exitCodes.Add(code);
        _session = null;
        if (_current >= _passes.Count - 1 || _interruption.Requested)
        {
            if (_passes.Count > 1)
            {
                Log.Line($"--all-references: {_passes.Count} references, verdicts: {string.Join("; ", _reports.Select(r => $"{Path.GetFileName((string?)r["reference"]?["path"])}: {r["verdict"]}"))}; exit code {ExitCodes.Worst(_exitCodes)}");
            }

            Exit(ExitCodes.Worst(_exitCodes));
        }
    }

    /// <summary>Help: prints the tasks and every argument with its default and current source.</summary>
    public void Help(IEnumerable<ICakeTaskInfo> tasks)
    {
        ArgumentNullException.ThrowIfNull(tasks);
        var infos = tasks.Select(t => new TaskInfo(t.Name, t.Description ?? string.Empty, t.Dependencies.Select(d => d.Name).ToList())).ToList();
        Log.Line(HelpText.Render(infos, Sources).TrimEnd());
    }

    /// <summary>CheckReferences: validates every reference in the search path and prints the table; exit 1 if any is bad.</summary>
    public void CheckReferences()
    {
        var catalog = RunSettingsResolver.ResolveCatalog(Sources, new SettingReader(Sources));
        var checks = ReferenceChecker.Check(catalog);
        Log.Line($"references search path: {string.Join("; ", catalog.Directories.Select(d => ReferenceCatalog.Relative(d, Sources.RepositoryRoot)))}");
        Log.Line(ReferenceChecker.Render(checks, Sources.RepositoryRoot).TrimEnd());
        var bad = checks.Count(c => !c.Ok);
        if (checks.Count == 0)
        {
            throw new InputException("no reference files found in the references search path; check --references-path");
        }

        if (bad > 0)
        {
            throw new InputException($"{bad} of {checks.Count} reference files are invalid (listed above); fix or re-bake them");
        }

        Log.Line($"all {checks.Count} reference files are valid");
    }

    /// <summary>Simulator: runs the MLNode simulator on a loopback port until Ctrl-C (dry runs of a pipeline).</summary>
    public async Task SimulatorAsync()
    {
        var arguments = Sources.Arguments
            .Where(a => !new[] { "target", "t", ArgumentCheck.UsageArgument }.Contains(a.Key, StringComparer.OrdinalIgnoreCase))
            .SelectMany(a => a.Value.Select(v => v.Length == 0 ? $"--{a.Key}" : $"--{a.Key}={v}"))
            .ToList();
        if (!arguments.Any(a => a.StartsWith("--port", StringComparison.OrdinalIgnoreCase)))
        {
            arguments.Insert(0, "--port=8080");
        }

        if (Sources.Arguments.ContainsKey(ArgumentCheck.UsageArgument))
        {
            foreach (var line in EmbeddedSimulator.Help(SimulatorAssembly))
            {
                Log.Line(line);
            }

            return;
        }

        await using var simulator = EmbeddedSimulator.Start(SimulatorAssembly, arguments);
        Log.Line($"MLNode simulator listening on {simulator.BaseUrl}; observe it under /_sim/requests and /_sim/truth; Ctrl-C stops it");
        Log.Line($"  try: ./build.sh --target=Report --mlnode-url={simulator.BaseUrl} --model=<org/name> --reference=<file baked from it>");
        try
        {
            await Task.Delay(Timeout.Infinite, _interruption.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            Log.Line("MLNode simulator stopped");
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _interruption.Dispose();
        _jsonOut?.Dispose();
    }

    // Cake's --dryrun (alias --noop, --whatif) runs Setup and Teardown but no task action. The inputs are still
    // resolved and checked; nothing that acts may happen: no experiment folder, no demo simulator, no node call.
    // Cake 7 keeps the switch in its own command settings, out of the script's arguments (so Context.Arguments,
    // and Cake.Common's IsDryRun() that reads them, say false in a dry run): the command line is the fact.
    private static bool IsDryRun(ICakeContext context) =>
        DryRunSwitches.Any(context.Arguments.HasArgument) ||
        Environment.GetCommandLineArgs().Skip(1).Any(a => DryRunSwitches.Contains(a.TrimStart('-').Split('=')[0], StringComparer.OrdinalIgnoreCase));

    private string SimulatorAssembly => _options.SimulatorAssembly ?? throw new InputException("this build has no embedded simulator configured");

    private static bool RequestsJson(SettingsSources sources) =>
        sources.Arguments.TryGetValue(MlNodeArguments.Output.Name, out var values) && values.Any(v => string.Equals(v, "json", StringComparison.OrdinalIgnoreCase));

    private static Exception? Unwrap(Exception? error)
    {
        while (error is AggregateException { InnerExceptions.Count: 1 } aggregate)
        {
            error = aggregate.InnerExceptions[0];
        }

        while (error is CakeException { InnerException: { } inner })
        {
            error = inner;
        }

        return error;
    }

    // Validates everything that can be checked before the graph runs, and decides the passes.
    private void Prepare(string target)
    {
        var reader = new SettingReader(Sources);
        _ = RunSettingsResolver.ResolveOutput(reader);
        if (string.Equals(target, TaskPlan.Tasks.Simulator, StringComparison.OrdinalIgnoreCase))
        {
            _passes.Add(new Pass(null, null));
            return;
        }

        ArgumentCheck.RejectUnknown(Sources.Arguments.Keys);
        if (string.Equals(target, TaskPlan.Tasks.Demo, StringComparison.OrdinalIgnoreCase))
        {
            PrepareDemo(reader);
            return;
        }

        var plan = new TaskPlan(target, _exclusive ? [target] : PlanOf(target));
        if (string.Equals(target, TaskPlan.Tasks.BakeReference, StringComparison.OrdinalIgnoreCase))
        {
            _passes.Add(new Pass(null, BakeSettingsResolver.Resolve(Sources, plan, DateTimeOffset.Now, _redactor)));
            return;
        }

        if (!plan.NeedsNode)
        {
            _passes.Add(new Pass(null, null));
            return;
        }

        if (reader.Flag(MlNodeArguments.AllReferences))
        {
            foreach (var path in ReferencesOf(reader))
            {
                _passes.Add(new Pass(Resolve(Sources, plan, path), null));
            }

            return;
        }

        _passes.Add(new Pass(Resolve(Sources, plan, null), null));
    }

    private RunSettings Resolve(SettingsSources sources, TaskPlan plan, string? reference)
    {
        var settings = RunSettingsResolver.Resolve(sources, plan, reference, _redactor);
        if (settings.Experiment.ExplicitDirectory is { } dir && !settings.Experiment.PreClaimed &&
            (File.Exists(Path.Combine(dir, ExperimentDirectory.ReportFile)) || File.Exists(Path.Combine(dir, ExperimentDirectory.ConfigFile))))
        {
            throw new InputException($"--exp-dir '{dir}' already holds a report; reports are never overwritten -- pass a new folder to --exp-dir");
        }

        return settings;
    }

    private void PrepareDemo(SettingReader reader)
    {
        foreach (var forbidden in new[] { MlNodeArguments.MlNodeUrl, MlNodeArguments.Model, MlNodeArguments.Reference, MlNodeArguments.ExpDir })
        {
            if (Sources.Arguments.ContainsKey(forbidden.Name))
            {
                throw new InputException($"--{forbidden.Name} is chosen by the Demo target itself (it runs against its embedded simulator); drop it, or use --target=Report for a real node");
            }
        }

        var fault = reader.Choice(MlNodeArguments.DemoFault).Value;
        if (_dryRun)
        {
            _passes.Add(new Pass(null, null));
            return;
        }

        var root = Sources.FullPath(reader.Text(MlNodeArguments.ExperimentsRoot)!);
        _demo = DemoEnvironment.StartAsync(SimulatorAssembly, fault, root, Log, _interruption.Token).GetAwaiter().GetResult();
        var arguments = new Dictionary<string, string>(_demo.Arguments);
        foreach (var (name, value) in DemoEnvironment.Waits)
        {
            if (!Sources.Arguments.ContainsKey(name))
            {
                arguments[name] = value;
            }
        }

        var settings = RunSettingsResolver.Resolve(Sources.WithArguments(arguments), TaskPlan.FullRun, null, _redactor);
        _passes.Add(new Pass(settings with { Experiment = settings.Experiment with { PreClaimed = true } }, null));
    }

    private IEnumerable<string> ReferencesOf(SettingReader reader)
    {
        var model = RunSettingsResolver.ResolveTarget(Sources, reader, _redactor).Model;
        var catalog = RunSettingsResolver.ResolveCatalog(Sources, reader);
        var matching = catalog.Files()
            .Where(f => Path.GetFileName(f).StartsWith(model.Sanitized, StringComparison.Ordinal))
            .Where(f =>
            {
                var problems = new List<string>();
                return ReferenceReader.ParseFile(f, problems) is { } r && r.Model == model;
            })
            .ToList();
        if (matching.Count == 0)
        {
            throw catalog.Missing(model, Sources.RepositoryRoot);
        }

        Log.Line($"--all-references: {matching.Count} reference(s) for {model}: {string.Join(", ", matching.Select(Path.GetFileName))}");
        return matching;
    }

    private void DescribeDryRun(TaskPlan plan, Pass pass)
    {
        var root = Sources.RepositoryRoot;
        if (pass.Run is { } run)
        {
            var folder = ReferenceCatalog.Relative(ExperimentDirectory.Preview(run.Experiment, DateTimeOffset.Now), root);
            RunInputs.Print(Log, run, $"{folder} (not created: dry run)");
        }
        else if (pass.Bake is { } bake)
        {
            Log.Line($"BakeReference would bake nonces 0..{bake.NumNonces - 1} of {bake.Target.Model} on {bake.Target.Node.Display} into {ReferenceCatalog.Relative(bake.OutPath, root)}");
        }
        else if (plan.Includes(TaskPlan.Tasks.Demo))
        {
            Log.Line("Demo would start the embedded MLNode simulator on 127.0.0.1, bake a reference from it and run the four phases against it");
            return;
        }

        if (plan.NeedsNode)
        {
            var phases = RunSettingsResolver.DecidePhases(Sources, plan);
            foreach (var phase in PhaseNames.InOrder.Where(p => pass.Bake is null || p <= Phase.Deploy))
            {
                Log.Line(phases[phase].Runs ? $"{phase.Header()}: would run" : $"{phase.Header()}: skipped ({phases[phase].Reason})");
            }
        }
    }

    // The graph's static shape, for validating inputs before Cake computes the real plan (--exclusive is Cake's own).
    private static IEnumerable<string> PlanOf(string target) => target.ToLowerInvariant() switch
    {
        "download" => [TaskPlan.Tasks.Download],
        "deploy" => [TaskPlan.Tasks.Download, TaskPlan.Tasks.Deploy],
        "throughput" => [TaskPlan.Tasks.Download, TaskPlan.Tasks.Deploy, TaskPlan.Tasks.Throughput],
        "validate" => [TaskPlan.Tasks.Download, TaskPlan.Tasks.Deploy, TaskPlan.Tasks.Throughput, TaskPlan.Tasks.Validate],
        "report" => TaskPlan.FullRun.TaskNames,
        "bakereference" => [TaskPlan.Tasks.Download, TaskPlan.Tasks.Deploy, TaskPlan.Tasks.BakeReference],
        _ => [target],
    };

    // A CI system that refuses a summary or an output must not change the run's outcome: it becomes a warning.
    private void Publish(RunOutcome outcome)
    {
        try
        {
            _pipeline.Publish(outcome);
            if (outcome.ExitCode != ExitCodes.Pass)
            {
                _pipeline.Error(outcome.Error ?? $"MLNode validation {outcome.Verdict.Text}: n_mismatch={outcome.Report.Validation.NMismatch}/{outcome.Report.Validation.NTotal}, p_value={outcome.Report.Validation.PValue:G6}");
            }
        }
        catch (Exception ex) when (ex is CakeException or IOException or UnauthorizedAccessException or ArgumentException)
        {
            Log.Warning($"could not publish the results to {_pipeline.Name}: {ex.Message}");
        }
    }

    private void Annotate(string message)
    {
        try
        {
            _pipeline.Error(_redactor.Redact(message));
        }
        catch (Exception ex) when (ex is CakeException or IOException)
        {
            Log.Warning($"could not annotate {_pipeline.Name}: {ex.Message}");
        }
    }

    private int PrintError(Exception error)
    {
        switch (error)
        {
            case InputException input:
                Log.Error(input.Message);
                if (input.Detail is not null)
                {
                    Log.Line(input.Detail);
                }

                return input.ExitCode;
            case MlNodeException known:
                Log.Error(known.Message);
                return known.ExitCode;
            case CakeException cake:
                // A Cake alias that failed (dotnet test, a tool): an ordinary task failure, not a bug of ours.
                Log.Error(cake.Message);
                return ExitCodes.Error;
            default:
                Log.Error($"unexpected internal error ({error.GetType().Name}: {error.Message}); this is a bug");
                return ExitCodes.Error;
        }
    }

    private void Exit(int code)
    {
        if (_jsonOut is not null && _reports.Count > 0)
        {
            var document = _reports.Count == 1 ? _reports[0] : new JObject
            {
                ["verdict"] = _reports.All(r => (int?)r["exit_code"] == 0) ? "PASS" : "see runs",
                ["exit_code"] = code,
                ["runs"] = new JArray(_reports),
            };
            _jsonOut.WriteLine(_redactor.Redact(document.ToString(Newtonsoft.Json.Formatting.Indented)));
            _jsonOut.Flush();
        }

        if (_demo is not null)
        {
            _demo.DisposeAsync().AsTask().GetAwaiter().GetResult();
        }

        Console.Out.Flush();
        Environment.Exit(code);
    }

    private sealed record Pass(RunSettings? Run, BakeSettings? Bake);
}
