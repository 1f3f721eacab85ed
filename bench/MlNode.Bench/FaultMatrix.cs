using System.Diagnostics;
using MlNode.Simulator;
using MlNode.Simulator.Faults;
using MlNode.Simulator.Fleet;
using Newtonsoft.Json.Linq;

namespace MlNode.Bench;

/// <summary>
/// The full pipeline once per simulator fault, per kill -9 in each phase, and with a report folder that fills up:
/// exit code against the expected one, the ERROR line, whether a valid report is on disk, whether generation was
/// stopped once started, and anything lost.
/// </summary>
internal static partial class FaultMatrix
{
    private static readonly string[] Fast =
    [
        "--warmup-seconds=0", "--measure-seconds=1", "--sample-interval=0.5", "--poll-interval-min=0.05", "--poll-interval-max=0.2",
        "--progress-interval=0.5", "--init-retries=3", "--init-retry-delay=0.1", "--request-timeout=2", "--download-timeout=5",
        "--deploy-timeout=5", "--validation-timeout=5", "--stop-timeout=5",
    ];

    public static async Task<int> RunAsync()
    {
        using var lab = new Lab();
        var reference = await lab.BakeFromTrustedAsync(32, "ref32.json");

        Console.WriteLine("| fault | exit (expected) | ERROR line | report on disk | generation stopped | lost |");
        Console.WriteLine("|---|---|---|---|---|---|");
        var wrong = 0;
        foreach (var scenario in Scenarios)
        {
            var row = await RunScenarioAsync(lab, reference, scenario);
            wrong += row.Ok ? 0 : 1;
            Console.WriteLine($"| {scenario.Name} | {row.Exit} ({string.Join(" or ", scenario.Expected)}){(row.Ok ? string.Empty : " WRONG")} | {row.Error} | {row.Report} | {row.Stopped} | {row.Lost} |");
        }

        Console.WriteLine();
        Console.WriteLine(wrong == 0 ? $"fault matrix: {Scenarios.Length} scenarios, every exit code as expected" : $"fault matrix: {wrong} of {Scenarios.Length} scenarios did not end as expected");
        return wrong == 0 ? 0 : 1;
    }

    private sealed record Row(int Exit, bool Ok, string Error, string Report, string Stopped, string Lost);

    private static async Task<Row> RunScenarioAsync(Lab lab, string reference, Scenario scenario)
    {
        var options = new SimulatorOptions { DownloadSeconds = scenario.DownloadSeconds, DeploySeconds = 0.5, Faults = scenario.Faults.Select(Fault.Parse).ToList() };
        await using var node = await Lab.NodeAsync(options);
        SimulatedFleet? fleet = null;
        await using var fleetLifetime = new AsyncDisposer(() => fleet);
        var root = scenario.ExperimentsRoot ?? Path.Combine(lab.Root, "exp-" + Guid.NewGuid().ToString("N")[..6]);
        using var disk = scenario.DiskFull ? SmallDisk.Mount(root) : null;
        var referenceArgument = reference;
        var location = $"--experiments-root={root}";
        if (scenario.Special == Special.RootExpDir)
        {
            location = "--exp-dir=/";
        }
        else if (scenario.Special == Special.FifoReference)
        {
            referenceArgument = Path.Combine(lab.Root, "pipe-" + Guid.NewGuid().ToString("N")[..6] + ".json");
            using var mkfifo = Process.Start("mkfifo", [referenceArgument])!;
            mkfifo.WaitForExit();
        }
        else if (scenario.Special == Special.StaleClaim)
        {
            // A run killed between claiming its folder and writing a report leaves only the claim of a dead process.
            var claimed = Path.Combine(root, "claimed");
            Directory.CreateDirectory(claimed);
            using var exited = Process.Start("true")!;
            exited.WaitForExit();
            File.WriteAllText(Path.Combine(claimed, ".mlnode-run"), $"{exited.Id} 0");
            location = $"--exp-dir={claimed}";
        }

        string[] arguments = ["--target=Report", $"--mlnode-url={node.BaseUrl}", $"--model={Lab.Model}", $"--reference={referenceArgument}", location, .. Fast.Where(f => scenario.Arguments?.Any(a => a.Split('=')[0] == f.Split('=')[0]) != true), .. scenario.Arguments ?? []];
        if (scenario.Special == Special.UnjudgeableBaseline)
        {
            // An earlier run of this node whose report says it measured 0 nonces/s: no drop can be computed from it.
            var earlier = Path.Combine(lab.Root, "baseline-" + Guid.NewGuid().ToString("N")[..6]);
            await ToolProcess.RunAsync(["--target=Report", $"--mlnode-url={node.BaseUrl}", $"--model={Lab.Model}", $"--reference={reference}", $"--experiments-root={earlier}", .. Fast]);
            var file = Directory.GetFiles(earlier, "validate_report.json", SearchOption.AllDirectories).Single();
            var document = JObject.Parse(File.ReadAllText(file));
            document["throughput"]!["summary"]!["counter_nonces_per_second"] = 0;
            document["throughput"]!["summary"]!["avg_sum_nonces_per_second"] = 0;
            File.WriteAllText(file, document.ToString());
            arguments = [.. arguments, $"--baseline={file}"];
        }
        else if (scenario.Special == Special.CrossCheckDeadNode)
        {
            // Three nodes, one of which never answers a PoC computation: it is called once, its cells are ERROR at once.
            fleet = await SimulatedFleet.StartAsync(FleetOptions.Parse(["--fleet=3", "--port=0", "--download-seconds=0.5", "--deploy-seconds=0.5", $"--fleet-model={Lab.Model}", "--fleet-fault=2:hang@/api/v1/inference/pow/generate", "--fleet-hardware=1:A", "--fleet-hardware=2:B", "--fleet-hardware=3:C"]));
            var references = Path.Combine(lab.Root, "refs-" + Guid.NewGuid().ToString("N")[..6]);
            Directory.CreateDirectory(references);
            File.Copy(reference, Path.Combine(references, "benchorg-bench-poc-7b.json"));
            arguments = ["--target=CrossCheck", $"--admin-api={fleet.AdminUrl}", $"--references-path={references}", $"--experiments-root={root}", "--num-nonces=50", "--validation-timeout=3", .. Fast.Where(f => !f.StartsWith("--validation-timeout", StringComparison.Ordinal))];
        }
        else if (scenario.Special == Special.CrossCheckHugeNonces)
        {
            // Every node's vectors for a billion nonces would need far more memory than the machine has: refused up front.
            arguments = ["--target=CrossCheck", $"--mlnode-urls={node.BaseUrl}", $"--model={Lab.Model}", $"--references-path={Path.GetDirectoryName(reference)}", $"--experiments-root={root}", "--num-nonces=1000000000"];
        }
        else if (scenario.Special == Special.FleetReportFifo)
        {
            // A CI job's folder whose report is a named pipe nobody writes to: the merge must name it, not hang.
            var jobs = Path.Combine(lab.Root, "jobs-" + Guid.NewGuid().ToString("N")[..6]);
            var pair = Path.Combine(jobs, "node1__benchorg-bench");
            Directory.CreateDirectory(pair);
            using var mkfifo = Process.Start("mkfifo", [Path.Combine(pair, "validate_report.json")])!;
            mkfifo.WaitForExit();
            arguments = ["--target=FleetReport", $"--from={jobs}"];
        }


        Func<Process, List<(double, string)>, Task>? during = null;
        Task<ToolRun>? second = null;
        if (scenario.Special == Special.SecondRunSameExpDir)
        {
            // Another operator's run into the same folder, against another node, started at the same moment.
            await using var other = await Lab.NodeAsync(options);
            var shared = Path.Combine(root, "shared");
            location = $"--exp-dir={shared}";
            arguments = ["--target=Report", $"--mlnode-url={node.BaseUrl}", $"--model={Lab.Model}", $"--reference={reference}", location, .. Fast];
            second = ToolProcess.RunAsync(["--target=Report", $"--mlnode-url={other.BaseUrl}", $"--model={Lab.Model}", $"--reference={reference}", location, .. Fast]);
            var first = await ToolProcess.RunAsync(arguments);
            var late = await second;
            var exits = new[] { first.ExitCode, late.ExitCode };
            var pair = $"{first.ExitCode} and {late.ExitCode}";
            return new Row(first.ExitCode, exits.Count(e => e == 0) == 1 && exits.Count(e => e == 1) == 1, Cut((first.ErrorLine ?? late.ErrorLine ?? "-").Replace("|", "\\|", StringComparison.Ordinal), 90), ReportState(root, out var sharedLost) + $" (exits {pair}: one run, one refusal)", Stopped(node), sharedLost);
        }

        if (scenario.Special == Special.OtherClientStopsGeneration)
        {
            during = async (process, lines) =>
            {
                await ToolProcess.WaitForLineAsync(process, lines, "init/generate -> backends");
                await Task.Delay(800);
                node.Pow.Stop();
            };
        }
        else if (scenario.KillAfter is { } line)
        {
            during = async (process, lines) =>
            {
                await ToolProcess.WaitForLineAsync(process, lines, line);
                await Task.Delay(200);
                process.Kill();
            };
        }
        else if (disk is not null)
        {
            during = async (process, lines) =>
            {
                await ToolProcess.WaitForLineAsync(process, lines, "[3/4] throughput");
                disk.Fill();
            };
        }

        var run = await ToolProcess.RunAsync(arguments, whileRunning: during);
        var ok = scenario.Expected.Contains(run.ExitCode);
        var error = run.ErrorLine is { } e ? Cut(e, 90) : "-";
        if (fleet is not null)
        {
            // A cross-check writes crosscheck_report.json: what the dead node's cells say and how often it was called.
            var file = Directory.GetFiles(root, "crosscheck_report.json", SearchOption.AllDirectories).SingleOrDefault();
            var cells = file is null ? [] : JObject.Parse(File.ReadAllText(file))["models"]![0]!["cells"]!.ToList();
            var dead = cells.Count(c => (string?)c["validator"] == "node2" && (string?)c["status"] == "ERROR");
            var calls = fleet.Nodes[1].Journal.To("POST", "/api/v1/inference/pow/generate").Count;
            return new Row(run.ExitCode, ok, error, file is null ? "missing" : $"crosscheck_report.json: node2's {dead} cells ERROR; node2 asked {calls} time(s)", "n/a", "nothing");
        }

        var report = ReportState(root, out var lost);
        if (scenario.KillAfter is not null && lost.StartsWith("the final state", StringComparison.Ordinal))
        {
            lost = "the final state, as with any kill -9 (the report says which phase was running)";
        }

        var stopped = Stopped(node);
        if (scenario.KillAfter is not null && stopped.StartsWith("no", StringComparison.Ordinal))
        {
            // A killed process cannot stop anything; the next run stops generation that was left running.
            await ToolProcess.RunAsync(["--target=Validate", "--exclusive", $"--mlnode-url={node.BaseUrl}", $"--model={Lab.Model}", $"--reference={reference}", $"--experiments-root={root}-next"]);
            stopped += node.Journal.To("POST", "/api/v1/inference/pow/stop").Count > 0 && node.Pow.Truth().All(b => b.Status == "IDLE") ? "; stopped by the next run" : "; STILL RUNNING after the next run";
        }

        return new Row(run.ExitCode, ok, error.Replace("|", "\\|", StringComparison.Ordinal), report, stopped, lost);
    }

    private static string Stopped(MlNodeSimulator node)
    {
        var init = node.Journal.To("POST", "/api/v1/inference/pow/init/generate").Where(r => r.StatusCode == 200).ToList();
        if (init.Count == 0)
        {
            return "n/a (never started)";
        }

        var stopped = node.Journal.To("POST", "/api/v1/inference/pow/stop").Any(s => s.Sequence > init[^1].Sequence);
        return stopped ? "yes" : "no";
    }

    private static string ReportState(string root, out string lost)
    {
        lost = "nothing";
        var folder = Directory.Exists(root) ? Directory.GetDirectories(root).FirstOrDefault() : null;
        if (folder is null)
        {
            lost = "nothing (refused before the run started)";
            return "none (run refused)";
        }

        var problems = new List<string>();
        string state = "missing";
        try
        {
            var report = JObject.Parse(File.ReadAllText(Path.Combine(folder, "validate_report.json")));
            state = $"valid JSON, status {report["status"]}" + (report["current_phase"]?.Type == JTokenType.String ? $", in {report["current_phase"]}" : string.Empty);
        }
        catch (Exception ex) when (ex is IOException or Newtonsoft.Json.JsonException)
        {
            problems.Add("validate_report.json: " + ex.GetType().Name);
        }

        foreach (var file in new[] { "validate_config.json", "validate_report.txt", "validate_junit.xml" })
        {
            try
            {
                var text = File.ReadAllText(Path.Combine(folder, file));
                if (file.EndsWith(".json", StringComparison.Ordinal))
                {
                    JObject.Parse(text);
                }
                else if (file.EndsWith(".xml", StringComparison.Ordinal))
                {
                    System.Xml.Linq.XDocument.Parse(text);
                }
            }
            catch (Exception ex) when (ex is IOException or Newtonsoft.Json.JsonException or System.Xml.XmlException)
            {
                problems.Add($"{file}: {ex.GetType().Name}");
            }
        }

        if (Directory.GetFiles(folder, "*.tmp", SearchOption.AllDirectories).Length > 0)
        {
            problems.Add("temporary files left");
        }

        if (problems.Count > 0)
        {
            lost = string.Join("; ", problems);
        }
        else if (state.Contains("status running", StringComparison.Ordinal))
        {
            lost = "the final state (not written; the last report written stays valid)";
        }

        return state;
    }

    // Disposes whatever the scenario started by the time the row is done (a fleet only some scenarios start).
    private sealed class AsyncDisposer(Func<IAsyncDisposable?> owned) : IAsyncDisposable
    {
        public ValueTask DisposeAsync() => owned() is { } disposable ? disposable.DisposeAsync() : ValueTask.CompletedTask;
    }

    private static string Cut(string text, int length) => text.Length <= length ? text : text[..(length - 1)] + "…";

    /// <summary>A 1 MB tmpfs as the experiments root, filled to the brim on demand.</summary>
    private sealed class SmallDisk : IDisposable
    {
        private readonly string _path;

        private SmallDisk(string path)
        {
            _path = path;
        }

        public static SmallDisk Mount(string path)
        {
            Directory.CreateDirectory(path);
            using var mount = Process.Start("mount", ["-t", "tmpfs", "-o", "size=1m", "tmpfs", path])!;
            mount.WaitForExit();
            if (mount.ExitCode != 0)
            {
                throw new InvalidOperationException("cannot mount a small tmpfs (needs root); skip this scenario");
            }

            return new SmallDisk(path);
        }

        public void Fill()
        {
            try
            {
                using var filler = new FileStream(Path.Combine(_path, "filler"), FileMode.Create);
                var block = new byte[4096];
                while (true)
                {
                    filler.Write(block);
                    filler.Flush(true);
                }
            }
            catch (IOException)
            {
                // Full.
            }
        }

        public void Dispose()
        {
            using var umount = Process.Start("umount", ["-l", _path])!;
            umount.WaitForExit();
        }
    }
}
