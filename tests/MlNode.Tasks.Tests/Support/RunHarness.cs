using MlNode.Simulator;
using MlNode.Simulator.Faults;
using MlNode.Tasks.Common;
using MlNode.Tasks.Configuration;
using MlNode.Tasks.Phases;
using MlNode.Tasks.Reports;
using MlNode.Tasks.Running;
using Newtonsoft.Json.Linq;


namespace MlNode.Tasks.Tests.Support;

/// <summary>
/// A validation run against an in-process simulator on an ephemeral loopback port, with fast timings, its own
/// repository root (references/, data/experiments/) and a captured console. Owns its simulator.
/// </summary>
internal sealed class RunHarness : IAsyncDisposable
{
    /// <summary>Timings that keep a full run well under two seconds.</summary>
    public static readonly IReadOnlyDictionary<string, string> FastArguments = new Dictionary<string, string>
    {
        ["warmup-seconds"] = "0",
        ["measure-seconds"] = "0.6",
        ["sample-interval"] = "0.2",
        ["poll-interval-min"] = "0.03",
        ["poll-interval-max"] = "0.1",
        ["progress-interval"] = "0.1",
        ["init-retry-delay"] = "0.05",
        ["request-timeout"] = "5",
        ["stop-timeout"] = "5",
    };

    private RunHarness(MlNodeSimulator simulator, TempDirectory root, TimeProvider time)
    {
        Simulator = simulator;
        Root = root;
        Time = time;
    }

    /// <summary>Gets the clock the simulator and the run share (the system's unless a test brings its own).</summary>
    public TimeProvider Time { get; }

    public MlNodeSimulator Simulator { get; }

    public TempDirectory Root { get; }

    public string ReferencesDirectory => Root.Combine("references");

    public static SimulatorOptions FastSimulator => new() { DownloadSeconds = 0.2, DeploySeconds = 0.2, StopSeconds = 0.1, Rate = 50 };

    /// <summary>The fast simulator with faults injected.</summary>
    public static SimulatorOptions With(params string[] faults) => FastSimulator with { Faults = faults.Select(Fault.Parse).ToList() };

    /// <summary><see cref="FastArguments"/> as command-line arguments.</summary>
    public static IEnumerable<string> FastCommandLine => FastArguments.Select(a => $"--{a.Key}={a.Value}");

    /// <summary><see cref="FastArguments"/> as the CAKE_MLNODE_* variables a pipeline would set (for those that have one).</summary>
    public static IEnumerable<KeyValuePair<string, string>> FastEnvironment =>
        FastArguments
            .Select(a => (Variable: MlNodeArguments.Find(a.Key)!.EnvironmentVariable, a.Value))
            .Where(a => a.Variable is not null)
            .Select(a => new KeyValuePair<string, string>(a.Variable!, a.Value));

    public static async Task<RunHarness> StartAsync(SimulatorOptions? options = null, TimeProvider? time = null)
    {
        time ??= TimeProvider.System;
        var simulator = await MlNodeSimulator.StartAsync(options ?? FastSimulator, time);
        return new RunHarness(simulator, new TempDirectory(), time);
    }

    /// <summary>Writes an honest reference for the test model into references/ (the default lookup).</summary>
    public string WriteReference(JObject? document = null, string? fileName = null) =>
        TestReferences.Write(ReferencesDirectory, document ?? TestReferences.Document(), fileName);

    /// <summary>The sources of a run: node URL, model, fast timings, then the given arguments on top.</summary>
    public SettingsSources Sources(IEnumerable<(string Name, string Value)>? arguments = null, IReadOnlyDictionary<string, string>? environment = null, IniFile? config = null)
    {
        var all = new List<KeyValuePair<string, string>>
        {
            new("mlnode-url", Simulator.BaseUrl),
            new("model", TestReferences.Model),
        };
        foreach (var (name, value) in FastArguments)
        {
            all.Add(new(name, value));
        }

        foreach (var (name, value) in arguments ?? [])
        {
            all.RemoveAll(a => a.Key == name);
            all.Add(new(name, value));
        }

        return SettingsSources.From(all, Root.Path, environment, config);
    }

    /// <summary>Gets the secrets registry the harness resolves and runs with (as one invocation has one).</summary>
    public SecretRedactor Redactor { get; } = new();

    public RunSettings Resolve(TaskPlan? plan = null, params (string Name, string Value)[] arguments) =>
        RunSettingsResolver.Resolve(Sources(arguments), plan ?? TaskPlan.AllPhases, null, Redactor);

    /// <summary>Runs the phases of the plan the way the Cake graph does and returns everything a test asserts on.</summary>
    public async Task<RunResult> RunAsync(TaskPlan? plan = null, CancellationToken interrupt = default, DeployMemory? deployed = null, params (string Name, string Value)[] arguments)
    {
        var settings = Resolve(plan, arguments);
        var console = new StringWriter();
        var log = new TextRunLog(console, Redactor);
        using var run = ValidationRun.Start(settings, log, new RunEnvironment(Time, interrupt, Redactor, Deployed: deployed));
        var outcome = await run.RunAllAsync();
        var exitCode = run.Complete(null, log);
        var report = JObject.Parse(await File.ReadAllTextAsync(Path.Combine(outcome.ExperimentDirectory, ExperimentDirectory.ReportFile)));
        JUnitAssert.AllValid(outcome.ExperimentDirectory);
        SchemaAssert.AllValid(outcome.ExperimentDirectory);
        return new RunResult(outcome, exitCode, console.ToString(), report);
    }

    public Task<RunResult> RunAsync(params (string Name, string Value)[] arguments) => RunAsync(null, default, null, arguments);

    public async ValueTask DisposeAsync()
    {
        await Simulator.DisposeAsync();
        Root.Dispose();
    }
}

/// <summary>What a run produced.</summary>
internal sealed record RunResult(RunOutcome Outcome, int ExitCode, string Console, JObject Report)
{
    public string Verdict => Outcome.Verdict.Text;

    public string ExperimentDirectory => Outcome.ExperimentDirectory;
}
