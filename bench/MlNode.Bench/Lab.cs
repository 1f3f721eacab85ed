using MlNode.Simulator;
using MlNode.Tasks.Common;
using MlNode.Tasks.Configuration;
using MlNode.Tasks.Running;

namespace MlNode.Bench;

/// <summary>In-process runs of the engine against in-process simulators, in a scratch folder.</summary>
internal sealed class Lab : IDisposable
{
    public const string Model = "BenchOrg/Bench-PoC-7B";

    public Lab()
    {
        Root = Path.Combine(Path.GetTempPath(), "mlnode-bench", Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(Root);
    }

    public string Root { get; }

    /// <summary>Bakes a reference of <paramref name="count"/> vectors from a node that serves <see cref="Model"/>.</summary>
    public async Task<string> BakeAsync(string nodeUrl, int count, string name, bool verify = true, string tp = "4")
    {
        var path = Path.Combine(Root, name);
        var arguments = new List<string>
        {
            $"mlnode-url={nodeUrl}", $"model={Model}", $"num-nonces={count}", $"out={path}", "timeout=600",
            $"additional-args=[\"--tensor-parallel-size\",\"{tp}\"]",
        };
        if (!verify)
        {
            arguments.Add("no-verify=");
        }

        var sources = SettingsSources.From(arguments.Select(a => a.Split('=', 2)).Select(p => new KeyValuePair<string, string>(p[0], p[1])), Root);
        var redactor = new SecretRedactor();
        var settings = MlNode.Tasks.Baking.BakeSettingsResolver.Resolve(sources, new TaskPlan("BakeReference", ["BakeReference"]), DateTimeOffset.Now, redactor);
        using var job = new BakeJob(settings, new TextRunLog(TextWriter.Null, redactor), new RunEnvironment(TimeProvider.System, default, redactor));
        await job.BakeAsync();
        return path;
    }

    /// <summary>Bakes a reference from a trusted node (started for it, already serving <see cref="Model"/>, stopped after).</summary>
    public async Task<string> BakeFromTrustedAsync(int count, string name, string tp = "4")
    {
        await using var trusted = await NodeAsync(new SimulatorOptions { Running = Model, RunningTp = int.Parse(tp, System.Globalization.CultureInfo.InvariantCulture) });
        return await BakeAsync(trusted.BaseUrl, count, name, tp: tp);
    }

    /// <summary>Runs the pipeline in-process (the engine the Cake tasks drive) and returns the outcome.</summary>
    public async Task<RunOutcome> RunAsync(string nodeUrl, string reference, IEnumerable<string> arguments, TaskPlan? plan = null, TimeProvider? time = null)
    {
        var all = new[] { $"mlnode-url={nodeUrl}", $"model={Model}", $"reference={reference}", $"experiments-root={Path.Combine(Root, "exp")}" }.Concat(arguments);
        var sources = SettingsSources.From(all.Select(a => a.Split('=', 2)).Select(p => new KeyValuePair<string, string>(p[0], p[1])), Root);
        var redactor = new SecretRedactor();
        var settings = RunSettingsResolver.Resolve(sources, plan ?? TaskPlan.AllPhases, null, redactor);
        var log = new TextRunLog(TextWriter.Null, redactor);
        using var run = ValidationRun.Start(settings, log, new RunEnvironment(time ?? TimeProvider.System, default, redactor));
        return await run.RunAllAsync();
    }

    public static Task<MlNodeSimulator> NodeAsync(SimulatorOptions options, TimeProvider? time = null) => MlNodeSimulator.StartAsync(options, time);

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
