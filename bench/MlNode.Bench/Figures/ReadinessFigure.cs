using System.Globalization;
using MlNode.Simulator;
using MlNode.Tasks.Configuration;
using MlNode.Tasks.Phases;

namespace MlNode.Bench.Figures;

/// <summary>
/// F2: from the moment the node's download or deploy is ready to the moment the tool notices, over many runs with
/// random durations; and how many status requests a ten-minute deploy costs (on an accelerated clock).
/// </summary>
public sealed class ReadinessFigure : Figure
{
    public override int Number => 2;

    public override string Title => "readiness latency";

    public override async Task RunAsync()
    {
        using var lab = new Lab();
        var reference = await lab.BakeFromTrustedAsync(8, "ref8.json");

        var random = new Random(42);
        var latencies = new List<double>();
        var deployOnly = new TaskPlan("Deploy", ["Download", "Deploy"]);
        for (var round = 0; round < 4; round++)
        {
            var runs = Enumerable.Range(0, 6).Select(async _ =>
            {
                double download, deploy;
                lock (random)
                {
                    download = 1 + (random.NextDouble() * 5);
                    deploy = 1 + (random.NextDouble() * 5);
                }

                await using var node = await Lab.NodeAsync(new SimulatorOptions { DownloadSeconds = download, DeploySeconds = deploy });
                await lab.RunAsync(node.BaseUrl, reference, [], deployOnly);
                return Latencies(node, download, deploy);
            }).ToList();
            foreach (var result in await Task.WhenAll(runs))
            {
                latencies.AddRange(result);
            }
        }

        var p95 = Stats.Percentile(latencies, 0.95);
        Detail($"{latencies.Count} readiness events (downloads and deploys of 1-6 s): p50 {S(Stats.Median(latencies))}, p95 {S(p95)}, max {S(latencies.Max())}");

        // A ten-minute deploy on a clock 120 times faster than real time, client and node sharing it.
        var clock = new ScaledTimeProvider(120);
        await using var slow = await Lab.NodeAsync(new SimulatorOptions { Preloaded = [Lab.Model], DeploySeconds = 600 }, clock);
        await lab.RunAsync(slow.BaseUrl, reference, [], deployOnly, clock);
        var requests = slow.Journal.To("GET", "/api/v1/inference/up/status").Count;
        var schedule = new PollSchedule(TimeSpan.FromSeconds(0.25), TimeSpan.FromSeconds(5));
        var planned = 0;
        for (var t = TimeSpan.Zero; t < TimeSpan.FromMinutes(10); t += schedule.Next(t))
        {
            planned++;
        }

        Detail($"10-minute simulated deploy: {requests} up/status requests (the poll schedule alone plans {planned}); a fixed 0.5 s poll would make 1200");
        Report(string.Create(CultureInfo.InvariantCulture, $"p95 {S(p95)} over {latencies.Count} events; {requests} status requests for a 10-minute deploy"), "p95 < 0.5 s without busy polling", p95 < 0.5);
    }

    // The node became ready at request time + duration; the tool noticed with the first poll that arrived after that.
    private static IEnumerable<double> Latencies(MlNodeSimulator node, double download, double deploy)
    {
        var journal = node.Journal;
        foreach (var (start, poll, duration) in new[]
        {
            (journal.To("POST", "/api/v1/models/download").Single().At, journal.To("POST", "/api/v1/models/status"), download),
            (journal.To("POST", "/api/v1/inference/up/async").Single().At, journal.To("GET", "/api/v1/inference/up/status"), deploy),
        })
        {
            var ready = start.AddSeconds(duration);
            var noticed = poll.Where(p => p.At >= ready).Select(p => p.At).DefaultIfEmpty(ready).Min();
            yield return (noticed - ready).TotalSeconds;
        }
    }
}
