using MlNode.Tasks.Common;
using MlNode.Tasks.Reports;
using MlNode.Tasks.Tests.Support;
using Newtonsoft.Json.Linq;

namespace MlNode.Tasks.Tests.EndToEnd;

/// <summary>Transient faults, hangs, garbage, credentials and the report's life while a run is under way.</summary>
[Trait("Category", "Integration")]
public sealed class ResilienceTests
{

    [Fact]
    public async Task Run_BehindAGatewayThatRefusesChunkedBodies_SendsContentLengthOnEveryRequest()
    {
        // Given: a node behind a gateway that answers 411 to any chunked request body.
        await using var harness = await RunHarness.StartAsync(RunHarness.With("no-chunked"));
        harness.WriteReference(TestReferences.Document(count: 200));

        // When
        var result = await harness.RunAsync();

        // Then: the whole run passes, and every POST carried its length (the large validation request too).
        Assert.Equal("PASS", result.Verdict);
        var posts = harness.Simulator.Journal.Requests.Where(r => r.Method == "POST").ToList();
        Assert.NotEmpty(posts);
        Assert.All(posts, p => Assert.Equal(System.Text.Encoding.UTF8.GetByteCount(p.Body).ToString(System.Globalization.CultureInfo.InvariantCulture), p.Headers["Content-Length"]));
        Assert.All(posts, p => Assert.False(p.Headers.ContainsKey("Transfer-Encoding"), $"{p.Path} was sent chunked"));
        Assert.Contains(posts, p => p.Path == "/api/v1/inference/pow/generate" && p.Body.Length > 10_000);
    }

    [Fact]
    public async Task Run_TransientStormOnEveryPoll_IsSurvived()
    {
        await using var harness = await RunHarness.StartAsync(RunHarness.With(
            "transient:0.35@/api/v1/models/status",
            "transient:0.35@/api/v1/inference/up/status",
            "transient:0.35@/api/v1/inference/pow/status"));
        harness.WriteReference();

        var result = await harness.RunAsync();

        Assert.True(result.Verdict == "PASS", $"{result.Verdict}: {result.Outcome.Error}\n{result.Console}");
        var failed = harness.Simulator.Journal.Requests.Count(r => r.StatusCode is 502 or 503);
        Assert.True(failed >= 3, $"the storm should have hit some polls (hit {failed})");
        Assert.Contains("transient failure (HTTP 50", result.Console);
    }

    [Fact]
    public async Task Deploy_StartReplyLostButTheNodeStarted_IsCheckedAndNotSentTwice()
    {
        await using var harness = await RunHarness.StartAsync(RunHarness.With("lost-reply@/api/v1/inference/up/async"));
        harness.WriteReference();

        var result = await harness.RunAsync(("skip-throughput", string.Empty));

        Assert.Equal("PASS", result.Verdict);
        Assert.Single(harness.Simulator.Journal.To("POST", "/api/v1/inference/up/async"));
        Assert.Contains("the start request failed (POST /api/v1/inference/up/async failed: HTTP 502", result.Console);
        Assert.Contains("but the node reports vLLM starting; continuing", result.Console);
    }

    [Fact]
    public async Task Download_StartRefusedByAGateway_IsCheckedThenSentAgainAtMostThreeTimes()
    {
        await using var harness = await RunHarness.StartAsync(RunHarness.With("transient:1.0@/api/v1/models/download"));
        harness.WriteReference();

        var result = await harness.RunAsync();

        Assert.Equal(ExitCodes.Error, result.ExitCode);
        Assert.StartsWith("model download could not be requested: POST /api/v1/models/download failed: HTTP 50", result.Outcome.Error);
        var requests = harness.Simulator.Journal.Requests.Where(r => r.Path.StartsWith("/api/v1/models/", StringComparison.Ordinal)).Select(r => r.Path.Split('/').Last()).ToList();
        Assert.Equal(["status", "download", "status", "download", "status", "download", "status"], requests);
        Assert.Contains("the node started nothing, sending it again in 0.5s (2/3)", result.Console);
    }

    [Fact]
    public async Task Run_ValidationCallHangs_HitsItsOwnTimeoutWithoutRetry()
    {
        await using var harness = await RunHarness.StartAsync(RunHarness.With("hang@/api/v1/inference/pow/generate"));
        harness.WriteReference();

        // (--verify-vectors=off: the validation is then the first /pow/generate call; the check's own call comes first otherwise)
        var result = await harness.RunAsync(("skip-throughput", string.Empty), ("validation-timeout", "0.8"), ("verify-vectors", "off"));

        Assert.Equal(ExitCodes.Error, result.ExitCode);
        Assert.Equal("POST /api/v1/inference/pow/generate got no answer within 0.8s", result.Outcome.Error);
        Assert.Single(harness.Simulator.Journal.To("POST", "/api/v1/inference/pow/generate"));
    }

    [Fact]
    public async Task Run_StatusEndpointHangs_EachAttemptTimesOutAndRetriesStopAtThePhaseDeadline()
    {
        await using var harness = await RunHarness.StartAsync(RunHarness.With("hang@/api/v1/models/status"));
        harness.WriteReference();

        var result = await harness.RunAsync(("request-timeout", "0.2"), ("download-timeout", "2"));

        // The phase's deadline, not a retry budget, ended it: the error names the deadline and fewer attempts were made
        // than the six retries allowed (how long that took on the real clock is the machine's business, not asserted).

        Assert.Equal(ExitCodes.Error, result.ExitCode);
        Assert.StartsWith("model download did not complete in 2s", result.Outcome.Error);
        Assert.InRange(harness.Simulator.Journal.To("POST", "/api/v1/models/status").Count, 3, 7);
        Assert.Contains("POST /api/v1/models/status: transient failure (no answer within the request timeout); retry 2/6", result.Console);
    }

    [Theory]
    [InlineData("garbage@/api/v1/models/status", "POST /api/v1/models/status answered HTTP 200 with a body that is not a JSON object (text/html: '<html>")]
    [InlineData("garbage@/api/v1/inference/up/status", "GET /api/v1/inference/up/status answered HTTP 200 with a body that is not a JSON object")]
    [InlineData("drop@/api/v1/inference/up/async", "POST /api/v1/inference/up/async could not reach the node")]
    public async Task Run_UnexpectedReply_NamesTheEndpointAndFailsCleanly(string fault, string expected)
    {
        await using var harness = await RunHarness.StartAsync(RunHarness.With(fault));
        harness.WriteReference();

        var result = await harness.RunAsync();

        Assert.Equal(ExitCodes.Error, result.ExitCode);
        Assert.Contains(expected, result.Outcome.Error);
        Assert.DoesNotContain("   at ", result.Console);
    }

    [Fact]
    public async Task Run_AuthorizationFromEnvironment_IsSentButNeverPrintedOrWritten()
    {
        const string Secret = "Bearer sk-live-0123456789abcdef";
        await using var harness = await RunHarness.StartAsync(RunHarness.FastSimulator with { RequireAuthorization = Secret });
        harness.WriteReference();
        var redactor = new SecretRedactor();
        var settings = Tasks.Configuration.RunSettingsResolver.Resolve(
            harness.Sources(environment: new Dictionary<string, string> { [NodeEndpoint.AuthorizationVariable] = Secret }),
            Tasks.Configuration.TaskPlan.AllPhases,
            null,
            redactor);
        var console = new StringWriter();
        var log = new Tasks.Running.TextRunLog(console, redactor);

        using var run = Tasks.Running.ValidationRun.Start(settings, log, new Tasks.Running.RunEnvironment(TimeProvider.System, default, redactor));
        var outcome = await run.RunAllAsync();
        run.Complete(null, log);

        Assert.Equal("PASS", outcome.Verdict.Text);
        Assert.All(harness.Simulator.Journal.Requests, r => Assert.Equal(Secret, r.Headers["Authorization"]));
        Assert.All(harness.Simulator.Journal.Requests, r => Assert.DoesNotContain("sk-live", r.Body));
        Assert.DoesNotContain("sk-live", console.ToString());
        Assert.All(Directory.GetFiles(outcome.ExperimentDirectory), f => Assert.DoesNotContain("sk-live", File.ReadAllText(f)));
    }

    [Fact]
    public async Task Run_PasswordInUrl_BecomesBasicAuthAndIsMaskedInOutputs()
    {
        await using var harness = await RunHarness.StartAsync(RunHarness.FastSimulator with { RequireAuthorization = "Basic b3BzOnMzY3IzdC1wdw==" });
        harness.WriteReference();
        var url = harness.Simulator.BaseUrl.Replace("http://", "http://ops:s3cr3t-pw@", StringComparison.Ordinal);

        var result = await harness.RunAsync(("mlnode-url", url));

        Assert.Equal("PASS", result.Verdict);
        Assert.DoesNotContain("s3cr3t-pw", result.Console);
        Assert.Contains("http://***@127.0.0.1", result.Console);
        Assert.All(Directory.GetFiles(result.ExperimentDirectory), f => Assert.DoesNotContain("s3cr3t-pw", File.ReadAllText(f)));
    }

    [Fact]
    public async Task Report_WhileValidationRuns_IsValidJsonNamingThePhaseInFlight()
    {
        await using var harness = await RunHarness.StartAsync(RunHarness.With("hang@/api/v1/inference/pow/generate"));
        harness.WriteReference();
        using var interrupt = new CancellationTokenSource();
        var run = harness.RunAsync(null, interrupt.Token, null, ("skip-throughput", string.Empty), ("validation-timeout", "30"));
        while (harness.Simulator.Journal.To("POST", "/api/v1/inference/pow/generate").Count == 0)
        {
            await Task.Delay(10);
        }

        await Task.Delay(100);
        var folder = Directory.GetDirectories(harness.Root.Combine("data", "experiments")).Single();
        var midway = JObject.Parse(await File.ReadAllTextAsync(Path.Combine(folder, ExperimentDirectory.ReportFile)));
        await interrupt.CancelAsync();
        var result = await run;

        Assert.True((string?)midway["status"] == "running", midway.ToString());
        Assert.Equal("validate", (string?)midway["current_phase"]);
        Assert.Equal("completed", (string?)midway["phases"]!["deploy"]!["state"]);
        Assert.Equal("INCOMPLETE (the run has not finished)", (string?)midway["verdict"]);
        Assert.Equal(ExitCodes.Interrupted, result.ExitCode);
        Assert.Equal("interrupted", (string?)result.Report["phases"]!["validate"]!["state"]);
    }
}
