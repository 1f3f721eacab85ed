using MlNode.Tasks.Common;
using MlNode.Tasks.Phases;
using MlNode.Tasks.Reports;
using MlNode.Tasks.Tests.Support;

namespace MlNode.Tasks.Tests.EndToEnd;

/// <summary>[3/4] throughput: measurement accuracy, callouts, NO_BACKENDS, 503 retries and the always-sent stop.</summary>
public sealed partial class ThroughputTests
{

    [Fact]
    public async Task Throughput_EightReplicasForAMinuteOnAFakeClock_SummedRateMatchesTheTrueRateWithinTwoPercent()
    {
        // Given: eight replicas, the simulator and the run on one fake clock that the test moves (0.2 s a step), and
        // a production-sized window (60 s, a sample every 10 s) that takes about a second and a half of real time.
        await using var clock = new SteppedClock(TimeSpan.FromMilliseconds(200), TimeSpan.FromMilliseconds(5));
        await using var harness = await RunHarness.StartAsync(RunHarness.FastSimulator with { Rate = 25, RateNoise = 0.02 }, clock.Time);
        harness.WriteReference(TestReferences.Document(additionalArgs: ["--tensor-parallel-size", "1"]));

        // When
        var result = await harness.RunAsync(("skip-validate", string.Empty), ("measure-seconds", "60"), ("sample-interval", "10"), ("request-timeout", "600"));

        // Then: the counter-based and the reported sums are the true rate, whatever the machine's load.
        var summary = result.Report["throughput"]!["summary"]!;
        var truth = harness.Simulator.Pow.Truth().Sum(b => b.TrueRate);
        Assert.Equal(200, truth);
        Assert.Equal(8, (int)summary["n_backends"]!);
        Assert.InRange((double)summary["counter_nonces_per_second"]!, truth * 0.98, truth * 1.02);
        Assert.InRange((double)summary["avg_sum_nonces_per_second"]!, truth * 0.98, truth * 1.02);
        Assert.Equal(6, (int)summary["n_samples"]!);
        Assert.InRange((double)summary["counter_window_s"]!, 59.5, 60.5);
        Assert.Empty(summary["slow_replicas"]!);
    }

    [Fact]
    public async Task Throughput_SlowReplica_IsCalledOutInConsoleAndReport()
    {
        await using var harness = await RunHarness.StartAsync(RunHarness.With("slow-replica:0.3"));
        harness.WriteReference();

        var result = await harness.RunAsync(("skip-validate", string.Empty));

        var callouts = result.Report["throughput"]!["summary"]!["slow_replicas"]!.Values<string>().ToList();
        Assert.Single(callouts);
        Assert.StartsWith("slow replica: backend port 5001 runs at", callouts[0]);
        Assert.Contains("WARNING: slow replica: backend port 5001", result.Console);
        Assert.Contains("callout: slow replica", result.Console);
        Assert.Equal(ExitCodes.Pass, result.ExitCode);
    }

    [Fact]
    public async Task Throughput_NoBackends_IsAHardErrorThatBlamesTheDeploy()
    {
        await using var harness = await RunHarness.StartAsync(RunHarness.With("no-backends"));
        harness.WriteReference();

        var result = await harness.RunAsync(("init-retries", "2"));

        Assert.Equal(ExitCodes.Error, result.ExitCode);
        Assert.Contains("no healthy vLLM backend; the deploy probably crashed", result.Outcome.Error);
        Assert.Equal(3, harness.Simulator.Journal.To("POST", "/api/v1/inference/pow/init/generate").Count);
        Assert.Single(harness.Simulator.Journal.To("POST", "/api/v1/inference/pow/stop"));
    }

    [Fact]
    public async Task Throughput_503ThenSuccess_RetriesWithAVisibleLineEach()
    {
        await using var harness = await RunHarness.StartAsync(RunHarness.With("init-503:3"));
        harness.WriteReference();

        var result = await harness.RunAsync();

        Assert.Equal("PASS", result.Verdict);
        Assert.Equal(4, harness.Simulator.Journal.To("POST", "/api/v1/inference/pow/init/generate").Count);
        Assert.Equal(3, result.Console.Split('\n').Count(l => l.Contains("/pow/init/generate: vLLM not ready (HTTP 503); retry", StringComparison.Ordinal)));
        Assert.Contains("retry 3/12", result.Console);
    }

    [Fact]
    public async Task Throughput_GenerationLeftRunning_IsStoppedBeforeMeasuring()
    {
        await using var harness = await RunHarness.StartAsync(RunHarness.FastSimulator with { Running = TestReferences.Model, RunningTp = 4 });
        harness.WriteReference();
        harness.Simulator.Pow.InitGenerate(32);

        var result = await harness.RunAsync(("skip-validate", string.Empty));

        Assert.Contains("WARNING: PoC generation is running on the node (agg_status GENERATING) that this run did not start: another client is using this node", result.Console);
        Assert.Equal(2, harness.Simulator.Journal.To("POST", "/api/v1/inference/pow/stop").Count);
    }

    [Fact]
    public async Task Validate_GenerationLeftRunningByAKilledRun_IsStoppedFirst()
    {
        await using var harness = await RunHarness.StartAsync(RunHarness.FastSimulator with { Running = TestReferences.Model, RunningTp = 4 });
        harness.WriteReference();
        harness.Simulator.Pow.InitGenerate(32);

        var result = await harness.RunAsync(TestGraph.Plan("Validate", exclusive: true));

        Assert.Equal("PASS", result.Verdict);
        Assert.Contains("WARNING: PoC generation is running on the node (agg_status GENERATING) that this run did not start: another client is using this node", result.Console);
        var stop = harness.Simulator.Journal.To("POST", "/api/v1/inference/pow/stop").Single();
        Assert.True(stop.Sequence < harness.Simulator.Journal.To("POST", "/api/v1/inference/pow/generate")[0].Sequence);
    }

    [Fact]
    public async Task Throughput_NodeCrashesMidWindow_IsAHardErrorAndStopIsStillSent()
    {
        await using var harness = await RunHarness.StartAsync();
        harness.WriteReference();
        var crash = Task.Run(async () =>
        {
            while (harness.Simulator.Journal.To("GET", "/api/v1/inference/pow/status").Count < 3)
            {
                await Task.Delay(10);
            }

            harness.Simulator.Vllm.Stop();
        });

        var result = await harness.RunAsync(("measure-seconds", "5"));
        await crash;

        Assert.Equal(ExitCodes.Error, result.ExitCode);
        Assert.Contains("agg_status: NO_BACKENDS -- the proxy has no healthy vLLM backend; the deploy probably crashed", result.Outcome.Error);
        Assert.Single(harness.Simulator.Journal.To("POST", "/api/v1/inference/pow/stop"));
        Assert.True((bool)result.Report["throughput"]!["generation_stopped"]!);
        Assert.Equal("failed", (string?)result.Report["phases"]!["throughput"]!["state"]);
    }

    [Fact]
    public async Task Throughput_AnotherClientStopsGenerationMidWindow_IsAHardErrorNotAZeroThatPasses()
    {
        // Given: another client that stops the node's generation once this run has started measuring.
        await using var harness = await RunHarness.StartAsync();
        harness.WriteReference();
        var other = Task.Run(async () =>
        {
            while (harness.Simulator.Journal.To("GET", "/api/v1/inference/pow/status").Count < 3)
            {
                await Task.Delay(10);
            }

            harness.Simulator.Pow.Stop();
        });

        // When
        var result = await harness.RunAsync(("measure-seconds", "3"));
        await other;

        // Then
        Assert.Equal(ExitCodes.Error, result.ExitCode);
        Assert.Contains("generation stopped during the measurement window (port ", result.Outcome.Error);
        Assert.Contains("another client is using this node?", result.Outcome.Error);
        Assert.Equal("failed", (string?)result.Report["status"]);
        Assert.Equal("failed", (string?)result.Report["phases"]!["throughput"]!["state"]);
        Assert.Equal("not reached: throughput failed", (string?)JUnitAssert.Result(JUnitAssert.Valid(Path.Combine(result.ExperimentDirectory, ExperimentDirectory.JUnitFile)), "[4/4] validate")!.Attribute("message"));
    }

    [Theory]
    [InlineData("stalled", "the total_processed counters did not advance during the measurement window (port 5002)")]
    [InlineData("idle", "generation stopped during the measurement window (port 5001 was IDLE at 2.0s)")]
    [InlineData("replaced", "the set of backends changed during the measurement window (ports [5001, 5002] became [5001, 5003] at 2.0s)")]
    [InlineData("fine", null)]
    [InlineData("short", null)]
    public void Problem_Window_SaysWhatWentWrong(string window, string? expected)
    {
        // Given: a window of two backends, sampled at 0, 1 and 2 s, spoiled in one way.
        static ThroughputSample Sample(double at, int?[] ports, long[] counters, string[] states) =>
            new(at, "GENERATING", ports, [50, 50], counters, states);
        var generating = new[] { "GENERATING", "GENERATING" };
        var start = Sample(0, [5001, 5002], [100, 100], generating);
        var middle = Sample(window == "short" ? 0.25 : 1, [5001, 5002], window == "short" ? [100, 100] : [150, 150], generating);
        var last = window switch
        {
            "stalled" => Sample(MeasurementCheck.StallWindowSeconds, [5001, 5002], [200, 100], generating),
            "short" => Sample(0.5, [5001, 5002], [100, 100], generating),
            "idle" => Sample(2, [5001, 5002], [200, 200], ["IDLE", "GENERATING"]),
            "replaced" => Sample(2, [5001, 5003], [200, 10], generating),
            _ => Sample(2, [5001, 5002], [200, 200], generating),
        };

        // When
        var problem = MeasurementCheck.Problem(start, [middle, last]);

        // Then
        if (expected is null)
        {
            Assert.Null(problem);
        }
        else
        {
            Assert.StartsWith(expected, problem);
        }
    }

    [Fact]
    public async Task Throughput_StatusIsGarbageBeforeGenerationStarts_NothingToStop()
    {
        await using var harness = await RunHarness.StartAsync(RunHarness.With("garbage@/api/v1/inference/pow/status"));
        harness.WriteReference();

        var result = await harness.RunAsync();

        Assert.Equal(ExitCodes.Error, result.ExitCode);
        Assert.Contains("GET /api/v1/inference/pow/status answered HTTP 200 with a body that is not a JSON object", result.Outcome.Error);
        Assert.Empty(harness.Simulator.Journal.To("POST", "/api/v1/inference/pow/init/generate"));
        Assert.False((bool)result.Report["throughput"]!["generation_started"]!);
    }
}
