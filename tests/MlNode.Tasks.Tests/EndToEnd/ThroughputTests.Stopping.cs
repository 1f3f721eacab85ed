using MlNode.Tasks.Common;
using MlNode.Tasks.Tests.Support;

namespace MlNode.Tasks.Tests.EndToEnd;

[Trait("Category", "Integration")]
public sealed partial class ThroughputTests
{
    [Fact]
    public async Task Throughput_InterruptedWhileMeasuring_StopsGenerationWritesPartialReportExits130()
    {
        await using var harness = await RunHarness.StartAsync();
        harness.WriteReference();
        using var interrupt = new CancellationTokenSource();
        var watcher = Task.Run(async () =>
        {
            while (harness.Simulator.Journal.To("POST", "/api/v1/inference/pow/init/generate").Count == 0)
            {
                await Task.Delay(10);
            }

            await Task.Delay(150);
            await interrupt.CancelAsync();
        });

        var result = await harness.RunAsync(null, interrupt.Token, null, ("measure-seconds", "30"));
        await watcher;

        Assert.Equal(ExitCodes.Interrupted, result.ExitCode);
        Assert.Equal("INTERRUPTED", result.Verdict);
        Assert.Equal("interrupted", (string?)result.Report["status"]);
        Assert.Equal("interrupted", (string?)result.Report["phases"]!["throughput"]!["state"]);
        Assert.True((bool)result.Report["throughput"]!["generation_stopped"]!);
        Assert.Single(harness.Simulator.Journal.To("POST", "/api/v1/inference/pow/stop"));
        Assert.Empty(harness.Simulator.Journal.To("POST", "/api/v1/inference/pow/generate"));
        Assert.Equal("completed", (string?)result.Report["phases"]!["deploy"]!["state"]);
    }

    [Fact]
    public async Task Throughput_InterruptedWhileStopping_IsTheThroughputPhasesInterruption()
    {
        // Given: a stop that takes a while, and a Ctrl-C that arrives while it runs.
        await using var harness = await RunHarness.StartAsync(RunHarness.With("slow:1500@/api/v1/inference/pow/stop"));
        harness.WriteReference();
        using var interrupt = new CancellationTokenSource();
        var watcher = Task.Run(async () =>
        {
            while (harness.Simulator.Journal.To("POST", "/api/v1/inference/pow/stop").Count == 0)
            {
                await Task.Delay(10);
            }

            await interrupt.CancelAsync();
        });

        // When
        var result = await harness.RunAsync(null, interrupt.Token, null);
        await watcher;

        // Then: generation was still stopped, the interruption is throughput's, and validate never started.
        Assert.Equal(ExitCodes.Interrupted, result.ExitCode);
        Assert.True((bool)result.Report["throughput"]!["stop_confirmed"]!);
        Assert.Equal("interrupted", (string?)result.Report["phases"]!["throughput"]!["state"]);
        Assert.Equal("throughput", (string?)result.Report["error"]!["phase"]);
        Assert.Equal("pending", (string?)result.Report["phases"]!["validate"]!["state"]);
        Assert.DoesNotContain("[4/4] validate: sending", result.Console);
        Assert.Empty(harness.Simulator.Journal.To("POST", "/api/v1/inference/pow/generate"));
    }

    [Fact]
    public async Task Throughput_StopHangs_BoundedByStopTimeoutAndNamedAsThisRunsOwn()
    {
        // Given: a node whose /pow/stop never answers.
        await using var harness = await RunHarness.StartAsync(RunHarness.With("hang@/api/v1/inference/pow/stop"));
        harness.WriteReference();

        // When
        var result = await harness.RunAsync(("stop-timeout", "1"));

        // Then: one stop attempt per --stop-timeout window (throughput's, and validate's own retry), no raw exception
        // text, the generation called this run's own; validation still ran.
        Assert.Equal("PASS", result.Verdict);
        Assert.Equal(2, harness.Simulator.Journal.To("POST", "/api/v1/inference/pow/stop").Count);
        Assert.Contains("WARNING: POST /api/v1/inference/pow/stop got no answer within --stop-timeout (1s)", result.Console);
        Assert.Contains("WARNING: PoC generation this run started is still reported GENERATING (its stop was not confirmed)", result.Console);
        Assert.DoesNotContain("operation was canceled", result.Console, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("did not start", result.Console);
        Assert.False((bool)result.Report["throughput"]!["stop_confirmed"]!);
    }

    [Fact]
    public async Task Throughput_StopReplyLost_ConfirmedByStatus()
    {
        // Given: a gateway that loses the reply of a stop the node carried out.
        await using var harness = await RunHarness.StartAsync(RunHarness.With("lost-reply@/api/v1/inference/pow/stop"));
        harness.WriteReference();

        // When
        var result = await harness.RunAsync(("skip-validate", string.Empty));

        // Then
        Assert.True((bool)result.Report["throughput"]!["stop_confirmed"]!);
        Assert.Contains("but /pow/status shows every backend quiet: generation is stopped", result.Console);
        Assert.DoesNotContain("could not confirm", result.Console);
    }
}
