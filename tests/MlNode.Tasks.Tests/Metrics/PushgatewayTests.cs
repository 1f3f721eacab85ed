using System.Diagnostics;
using System.Globalization;
using MlNode.Tasks.Common;
using MlNode.Tasks.Tests.Support;
using Newtonsoft.Json.Linq;

namespace MlNode.Tasks.Tests.Metrics;

/// <summary>
/// Metrics where operators look: each run pushed to a real Prometheus Pushgateway and scraped by a real Prometheus
/// (Debian's packages, as .ci/run installs them), read back through Prometheus's query API.
/// </summary>
[Collection("cake-fleet")]
[Trait("Category", "Integration")]
public sealed class PushgatewayTests : IDisposable
{
    private readonly TempDirectory _root = new();

    [Fact]
    public async Task Run_UnreachablePushgateway_OneWarningTheSameExitCodeAndEveryFile()
    {
        await using var harness = await RunHarness.StartAsync();
        harness.WriteReference();

        var result = await harness.RunAsync(("pushgateway", $"http://user:pw-s3cret@127.0.0.1:{LoopbackPorts.Free()}"));

        Assert.Equal(ExitCodes.Pass, result.ExitCode);
        Assert.Equal("PASS", (string?)result.Report["verdict"]);
        var warning = Assert.Single(result.Report["warnings"]!.Values<string>(), w => w!.StartsWith("metrics not pushed: ", StringComparison.Ordinal));
        Assert.Contains("could not be reached", warning);
        Assert.DoesNotContain("pw-s3cret", result.Console);
        Assert.DoesNotContain("pw-s3cret", result.Report.ToString());
    }

    [Fact]
    public async Task DemoAndFleetDemo_PushedAndScraped_PrometheusHasEachNodesCounterRateAndTheDishonestNodeFails()
    {
        // Given: a Pushgateway and a Prometheus that scrapes it every second, both on loopback
        var (pushgateway, prometheus) = (Which("prometheus-pushgateway"), Which("prometheus"));
        Assert.SkipWhen(pushgateway is null || prometheus is null, "prometheus and prometheus-pushgateway are not installed (.ci/run installs Debian's packages)");
        var gatewayPort = LoopbackPorts.Free();
        var prometheusPort = LoopbackPorts.Free();
        using var gateway = Start(pushgateway!, $"--web.listen-address=127.0.0.1:{gatewayPort}", $"--persistence.file={_root.Combine("pushgateway.db")}");
        var config = _root.Combine("prometheus.yml");
        File.WriteAllText(config, $"global:\n  scrape_interval: 1s\nscrape_configs:\n  - job_name: pushgateway\n    honor_labels: true\n    static_configs:\n      - targets: ['127.0.0.1:{gatewayPort}']\n");
        using var server = Start(prometheus!, $"--config.file={config}", $"--storage.tsdb.path={_root.Combine("tsdb")}", $"--web.listen-address=127.0.0.1:{prometheusPort}");
        var gatewayUrl = $"--pushgateway=http://127.0.0.1:{gatewayPort}";

        // When: a Demo against a dishonest node and a FleetDemo push their runs
        var demo = await CakeRunner.RunAsync(["--target=Demo", "--demo-fault=dishonest", gatewayUrl, $"--experiments-root={_root.Combine("demo")}"]);
        var fleet = await CakeRunner.RunAsync(["--target=FleetDemo", gatewayUrl, $"--experiments-root={_root.Combine("fleet")}"]);
        Assert.True(demo.ExitCode == ExitCodes.Fraud, demo.Output);
        Assert.True(fleet.ExitCode == ExitCodes.Fraud, fleet.Output);
        Assert.DoesNotContain("metrics not pushed", demo.Output + fleet.Output);
        Assert.Contains($"metrics: pushed to http://127.0.0.1:{gatewayPort} as job mlnode_validate", demo.Output);

        // Then: Prometheus holds, for every run that measured throughput, exactly the report's counter-based rate
        var reports = Directory.GetFiles(_root.Path, "validate_report.json", SearchOption.AllDirectories)
            .Select(f => JObject.Parse(File.ReadAllText(f)))
            .Where(r => r.SelectToken("throughput.summary.counter_nonces_per_second")?.Type == JTokenType.Float)
            .ToList();
        Assert.True(reports.Count >= 5, $"{reports.Count} runs measured throughput");
        var rates = await QueryUntilAsync(prometheusPort, "mlnode_throughput_nonces_per_second", reports.Count);
        foreach (var report in reports)
        {
            var node = (string?)report["fleet_node"] ?? (string)report["mlnode_url"]!;
            var expected = (double)report["throughput"]!["summary"]!["counter_nonces_per_second"]!;
            Assert.True(rates.TryGetValue(node, out var scraped), $"no series for node {node} in {string.Join(", ", rates.Keys)}");
            Assert.Equal(expected, scraped, 9);
        }

        // And: the dishonest nodes (the Demo's and the fleet's node2) did not pass; the honest ones did
        var passed = await QueryUntilAsync(prometheusPort, "mlnode_validation_passed", reports.Count);
        var dishonest = reports.Where(r => (string?)r["verdict"] == "FAIL (fraud_detected)").Select(r => (string?)r["fleet_node"] ?? (string)r["mlnode_url"]!).ToList();
        Assert.Equal(2, dishonest.Count);
        Assert.All(dishonest, node => Assert.Equal(0, passed[node]));
        Assert.Contains(passed, p => p.Key == "node1" && p.Value == 1);
        Assert.Contains("mlnode-demo", dishonest); // the Demo's node under its stable name, not its ephemeral loopback URL
    }

    public void Dispose() => _root.Dispose();

    // Polls Prometheus's instant-query API until the metric has at least `count` series (scrapes come every second).
    private static async Task<Dictionary<string, double>> QueryUntilAsync(int port, string metric, int count)
    {
        using var http = new HttpClient();
        var deadline = DateTime.UtcNow.AddSeconds(60);
        var series = new Dictionary<string, double>();
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                var reply = JObject.Parse(await http.GetStringAsync($"http://127.0.0.1:{port}/api/v1/query?query={Uri.EscapeDataString(metric)}"));
                series = reply["data"]!["result"]!.ToDictionary(r => (string)r["metric"]!["node"]!, r => double.Parse((string)r["value"]![1]!, CultureInfo.InvariantCulture));
                if (series.Count >= count)
                {
                    return series;
                }
            }
            catch (HttpRequestException)
            {
                // Prometheus is still starting.
            }

            await Task.Delay(500);
        }

        Assert.Fail($"Prometheus had {series.Count} series of {metric} after 60 s, expected {count}");
        return series;
    }

    private static string? Which(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(':').Select(d => Path.Combine(d, name)).FirstOrDefault(File.Exists);

    private static ServerProcess Start(string file, params string[] arguments)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return new ServerProcess(process);
    }

    private sealed class ServerProcess(Process process) : IDisposable
    {
        public void Dispose()
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                process.WaitForExit(5000);
            }

            process.Dispose();
        }
    }
}
