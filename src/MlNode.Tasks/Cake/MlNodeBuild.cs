using Cake.Core;
using Cake.Core.Diagnostics;
using MlNode.Tasks.Ci;
using MlNode.Tasks.Common;
using MlNode.Tasks.Configuration;
using MlNode.Tasks.Engine;
using MlNode.Tasks.Running;

namespace MlNode.Tasks.Cake;

/// <summary>
/// What a Cake script needs around its task graph, and the state of one invocation: inputs validated before
/// anything runs (a bad argument is one <c>ERROR:</c> line and exit 1, with no Cake output around it), a session
/// per pass of the graph, and an ending that prints the contract's summary last and returns the contract's exit code
/// (0 / 2 / 1 / 130) for the script to end the process with, which Cake alone cannot do. <c>--all-references</c> runs the graph once per reference. The
/// graph itself is the script's: plans and skip reasons are derived from the task list it declares.
/// </summary>
public sealed class MlNodeBuild : IDisposable
{
    private readonly MlNodeBuildOptions _options;
    private readonly SecretRedactor _redactor = new();
    private readonly BuildConsole _console;
    private readonly Interruption _interruption;
    private readonly IPipelineReporter _pipeline;
    private readonly FailureReporter _failures;
    private readonly BuildResults _results = new();
    private readonly BuildEnding _ending;
    private readonly PipelineEngine _engine;
    private readonly TimeProvider _time;
    private readonly bool _dryRun;
    private readonly Live.LiveScreen? _screen;
    private BuildPlan? _plan;
    private int _current;
    private MlNodeSession? _session;
    private Action<BuildResults>? _taskResult;

    private MlNodeBuild(ICakeContext context, MlNodeBuildOptions options)
    {
        _options = options;
        Sources = CakeInputs.From(context, options);
        CakeInputs.RegisterSecrets(Sources, _redactor);
        _dryRun = CakeInputs.IsDryRun(context, options.CommandLine ?? Environment.GetCommandLineArgs().Skip(1).ToList());
        var json = CakeInputs.RequestsJson(Sources);
        if (json)
        {
            // Standard output carries only the report JSON: Cake says nothing below Quiet but errors, on standard error.
            context.Log.Verbosity = Verbosity.Quiet;
        }

        var console = new BuildConsole(options.Out ?? Console.Out, options.Error ?? Console.Error, json);
        _pipeline = PipelineDetection.Detect(context, console.Human);

        // On a terminal a person watches, the lines go above a live view (and Cake's task banners, which would write
        // through it, stay quiet); anywhere else the plain lines are exactly as they were.
        if (options.Out is null && Live.LiveMode.Wanted(_pipeline, json, _dryRun))
        {
            context.Log.Verbosity = Verbosity.Quiet;
            _screen = new Live.LiveScreen();
        }

        _console = _screen is not null ? new BuildConsole(_screen.Lines, options.Error ?? Console.Error, json) : console;
        Log = new PipelineLog(new TextRunLog(_console.Human, _redactor), _pipeline);
        _failures = new FailureReporter(Log, _pipeline, _redactor);
        _ending = new BuildEnding(_console, _redactor);
        _interruption = new Interruption(Log.Line);
        _time = options.Time ?? TimeProvider.System;
        _engine = new PipelineEngine(Log, _redactor, _time, _interruption.Token);
    }

    /// <summary>Gets the raw inputs of this invocation.</summary>
    internal SettingsSources Sources { get; }

    /// <summary>Gets where human-readable lines go.</summary>
    internal IRunLog Log { get; }

    /// <summary>Gets the current pass's session (set by Setup, cleared by Teardown).</summary>
    public MlNodeSession Session => _session ?? throw new InvalidOperationException("no session: MlNodeBuild.BeginSession must run in Setup");

    /// <summary>Creates the build for a script; call before declaring tasks.</summary>
    public static MlNodeBuild Create(ICakeContext context, MlNodeBuildOptions options)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(options);
        return new MlNodeBuild(context, options);
    }

    /// <summary>
    /// The script's last statement: validates the inputs for <paramref name="target"/> against the script's own
    /// graph, then runs the graph (once, or once per reference with --all-references).
    /// </summary>
    /// <returns>The contract's exit code; the script ends the process with it: <c>Environment.Exit(mlnode.Run(...))</c>.</returns>
    /// <param name="tasks">The script's task list (its <c>Tasks</c>): the graph the plan is derived from.</param>
    /// <param name="target">The target task.</param>
    /// <param name="exclusive">The script's <c>Settings.Exclusive</c>.</param>
    /// <param name="runTarget">The script's RunTarget.</param>
    public int Run(IReadOnlyList<ICakeTaskInfo> tasks, string target, bool exclusive, Func<string, CakeReport> runTarget)
    {
        ArgumentNullException.ThrowIfNull(tasks);
        ArgumentNullException.ThrowIfNull(runTarget);
        try
        {
            return RunPasses(tasks, target, exclusive, runTarget);
        }
        finally
        {
            _ending.Unmute();
        }
    }

    private int RunPasses(IReadOnlyList<ICakeTaskInfo> tasks, string target, bool exclusive, Func<string, CakeReport> runTarget)
    {
        if (Sources.Arguments.ContainsKey(ArgumentCheck.UsageArgument) && !string.Equals(target, TaskPlan.Tasks.Simulator, StringComparison.OrdinalIgnoreCase))
        {
            target = TaskPlan.Tasks.Help;
        }

        try
        {
            _plan = new BuildPlanner(Sources, _redactor, Log, _time, _engine.References).Plan(new TaskGraph(tasks), target, exclusive, _dryRun, () => SimulatorAssembly, _interruption.Token);
            _ending.Demo = (IAsyncDisposable?)_plan.Demo ?? (IAsyncDisposable?)_plan.Fleet?.Demo ?? _plan.CrossCheck?.Demo;
        }
        catch (Exception ex)
        {
            return _ending.Finish(_failures.Report(ex), _results);
        }

        for (_current = 0; _current < _plan.Passes.Count && !_interruption.Requested; _current++)
        {
            try
            {
                runTarget(target);
            }
            catch (Exception ex) when (_results.Count <= _current)
            {
                // Cake failed before Setup: no session exists to report it.
                return _ending.Finish(_failures.Report(FailureReporter.Unwrap(ex)), _results);
            }
            catch (Exception)
            {
                // Reported by EndSession; the next reference still runs.
            }
        }

        return _ending.Finish(_results);
    }

    /// <summary>Setup: starts the pass's job for the plan derived from the script's graph.</summary>
    public void BeginSession(ISetupContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var plan = _plan ?? throw new InvalidOperationException("MlNodeBuild.Run must start the graph");
        var pass = plan.Passes[_current];
        if (_dryRun)
        {
            _session = new MlNodeSession(null, containFailures: false);
            DryRunPreview.Print(Log, Sources, plan.Tasks, pass, _time.GetLocalNow(), plan.Fleet, plan.CrossCheck);
            return;
        }

        _session = new MlNodeSession(StartJob(plan.Tasks, pass), containFailures: _current < plan.Passes.Count - 1);
        if (pass.Run is not null || plan.Fleet is not null || plan.CrossCheck is not null)
        {
            _screen?.Start(recent => Live.RunsView.Render(_engine.Runs, _engine.Settled, recent, _time.GetLocalNow()));
        }
    }

    private void StopBoard() => _screen?.Stop();

    /// <summary>Teardown: completes the pass's job (report files, summary) and, after the last pass, ends the build.</summary>
    public void EndSession(ITeardownContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var plan = _plan ?? throw new InvalidOperationException("MlNodeBuild.Run must start the graph");
        var error = FailureReporter.Unwrap(context.ThrownException) ?? _session?.ContainedFailure;
        StopBoard();
        var last = _current >= plan.Passes.Count - 1 || _interruption.Requested;
        if (_session?.Job is { } job)
        {
            var code = job.Complete(error, Log);
            if (_session.Run is { Outcome: { } outcome } run)
            {
                _failures.Publish(outcome);
                _results.Record(code, run.Report);
                if (last && plan.Demo is { } demo)
                {
                    foreach (var line in demo.Epilogue())
                    {
                        Log.Line(line);
                    }
                }
            }
            else
            {
                _results.Record(code);
            }

            job.Dispose();
        }
        else if (error is null && _taskResult is { } record)
        {
            // A fleet target decided its own exit code (and its output) in its task.
            record(_results);
        }
        else
        {
            _results.Record(_failures.Report(error));
        }

        _taskResult = null;

        if (_dryRun && error is null)
        {
            Log.Line("dry run: the inputs are valid; no MLNode was contacted and nothing was written (drop --dryrun to run)");
        }

        _session = null;
        if (last)
        {
            if (plan.Passes.Count > 1)
            {
                Log.Line(_results.ManyRunsLine(plan.Passes.Count));
            }

            _ending.Finish(_results);
        }
    }

    /// <summary>Help: prints the tasks and every argument with its default and current source.</summary>
    public void Help(IEnumerable<ICakeTaskInfo> tasks)
    {
        ArgumentNullException.ThrowIfNull(tasks);
        var infos = tasks.Select(t => new TaskInfo(t.Name, t.Description ?? string.Empty, t.Dependencies.Select(d => d.Name).ToList())).ToList();
        Log.Lines(HelpText.Render(infos, Sources));
    }

    /// <summary>CheckReferences: validates every reference in the search path and prints the table; exit 1 if any is bad.</summary>
    public void CheckReferences() => ReferenceCheckTask.Run(Sources, Log);

    /// <summary>Compare: prints two runs' reports (--from, --to) side by side with their differences; contacts no node.</summary>
    public void Compare() => Log.Lines((_plan?.Comparison ?? throw new InvalidOperationException("the plan has no comparison: MlNodeBuild.Run must start the graph"))());

    /// <summary>Fleet (and FleetDemo): validates every (node, model) pair of a fleet at once and writes the fleet folder.</summary>
    public async Task FleetAsync()
    {
        var fleet = _plan?.Fleet ?? throw new InvalidOperationException("the plan has no fleet: MlNodeBuild.Run must start the graph");
        var run = await FleetTask.RunAsync(fleet.Settings, fleet.Sources, _engine, Log, _pipeline, _interruption.Token, StopBoard).ConfigureAwait(false);
        if (fleet.Demo is not null)
        {
            foreach (var line in Demo.FleetDemoEnvironment.Epilogue())
            {
                Log.Line(line);
            }
        }

        _taskResult = results => results.RecordFleet(run.Result.ExitCode, Fleet.FleetFiles.Document(run));
    }

    /// <summary>CrossCheck (and CrossCheckDemo): do the nodes' hardware classes accept each other's vectors; writes the cross-check folder.</summary>
    public async Task CrossCheckAsync()
    {
        var inputs = _plan?.CrossCheck ?? throw new InvalidOperationException("the plan has no cross-check: MlNodeBuild.Run must start the graph");
        var run = await CrossCheckTask.RunAsync(inputs, _engine, Log, _pipeline, _interruption.Token, StopBoard).ConfigureAwait(false);
        _taskResult = results => results.RecordFleet(run.ExitCode, CrossCheck.CrossCheckFiles.Document(run));
    }

    /// <summary>FleetPlan: prints the fleet's pairs as a CI matrix on standard output (everything else on standard error).</summary>
    public async Task FleetPlanAsync()
    {
        var fleet = _plan?.Fleet ?? throw new InvalidOperationException("the plan has no fleet: MlNodeBuild.Run must start the graph");
        var matrix = await FleetTask.PlanAsync(fleet.Settings, fleet.Sources, _redactor, Log, _interruption.Token).ConfigureAwait(false);
        _taskResult = results => results.RecordOutput(ExitCodes.Pass, matrix);
    }

    /// <summary>FleetReport: merges CI jobs' experiment folders (--from) into the fleet files, summary and exit code.</summary>
    public async Task FleetReportAsync()
    {
        var run = await FleetTask.MergeAsync(Sources, _redactor, Log, _pipeline, _time, _interruption.Token).ConfigureAwait(false);
        _taskResult = results => results.RecordFleet(run.Result.ExitCode, Fleet.FleetFiles.Document(run));
    }

    /// <summary>Simulator: runs the MLNode simulator on a loopback port until Ctrl-C (dry runs of a pipeline).</summary>
    public Task SimulatorAsync() => SimulatorTask.RunAsync(Sources, SimulatorAssembly, Log, _interruption.Token);

    /// <inheritdoc />
    public void Dispose()
    {
        _screen?.Dispose();
        _interruption.Dispose();
    }

    private string SimulatorAssembly => _options.SimulatorAssembly ?? throw new InputException("this build has no embedded simulator configured");

    // The pass's settings carry the phases the planner decided from the graph (once): the job runs them as they are.
    private INodeJob? StartJob(TaskPlan plan, BuildPass pass)
    {
        if (plan.Includes(TaskPlan.Tasks.BakeReference) && pass.Bake is { } bake)
        {
            return new BakeJob(bake, Log, _engine.Environment(_interruption.Token));
        }

        return plan.NeedsNode && pass.Run is { } settings ? _engine.Start(settings) : null;
    }
}
