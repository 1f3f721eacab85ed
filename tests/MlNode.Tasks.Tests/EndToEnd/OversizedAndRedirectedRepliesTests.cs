using MlNode.Tasks.Common;
using MlNode.Tasks.Fleet;
using MlNode.Tasks.Metrics;
using MlNode.Tasks.Tests.Support;

namespace MlNode.Tasks.Tests.EndToEnd;

/// <summary>
/// Replies no MLNode, Admin API or Pushgateway sends (a reply of gigabytes, a redirect to another scheme or host): one
/// error naming what happened, the call not repeated, never an out-of-memory and never a followed redirect.
/// </summary>
[Trait("Category", "Integration")]
public sealed class OversizedAndRedirectedRepliesTests
{
    [Fact]
    public async Task Run_StatusReplyOfGigabytes_OneErrorNamingTheCapReadOnce()
    {
        // Given: a "node" whose model status answer is 1.5 GB of JSON
        await using var harness = await RunHarness.StartAsync(RunHarness.With("huge-reply:1500@/api/v1/models/status"));
        harness.WriteReference();
        var before = GC.GetTotalAllocatedBytes();

        // When
        var result = await harness.RunAsync();

        // Then: an error that names the endpoint and the cap, the call made once, and far less than the reply allocated
        Assert.Equal(ExitCodes.Error, result.ExitCode);
        Assert.Contains("POST /api/v1/models/status answered with more than 16 MiB", result.Outcome.Error);
        Assert.Single(harness.Simulator.Journal.To("POST", "/api/v1/models/status"));
        Assert.InRange(GC.GetTotalAllocatedBytes() - before, 0, 400L * 1024 * 1024);
        Assert.DoesNotContain("OutOfMemory", result.Console);
    }

    [Fact]
    public async Task Run_ValidationReplyBeyondWhatItsNoncesCanHold_IsAnErrorNotAVerdict()
    {
        // Given: a node whose validation answer for 32 nonces is 64 MiB
        await using var harness = await RunHarness.StartAsync(RunHarness.With("huge-reply:64@/api/v1/inference/pow/generate"));
        harness.WriteReference();

        // When
        var result = await harness.RunAsync(("skip-throughput", string.Empty));

        // Then
        Assert.Equal(ExitCodes.Error, result.ExitCode);
        Assert.Contains("POST /api/v1/inference/pow/generate answered with more than 16.1 MiB", result.Outcome.Error);
    }

    [Fact]
    public async Task Run_NodeRedirectsToAFile_IsNotFollowedAndSaysWhatToFix()
    {
        await using var harness = await RunHarness.StartAsync(RunHarness.With("redirect:file:///etc/passwd@/api/v1/models/status"));
        harness.WriteReference();

        var result = await harness.RunAsync();

        Assert.Equal(ExitCodes.Error, result.ExitCode);
        Assert.Contains("POST /api/v1/models/status answered HTTP 302, a redirect to 'file:///etc/passwd', which is not followed; point --mlnode-url at the address that answers", result.Outcome.Error);
        Assert.DoesNotContain("this is a bug", result.Console);
        Assert.DoesNotContain("root:", result.Console);
    }

    [Fact]
    public async Task Fleet_LaunchPlanRedirectsToAFile_IsThatPairsErrorRowAndTheRestRuns()
    {
        // Given: a Network Node whose launch plan for node1 answers 302 Location: file:///etc/passwd
        await using var harness = await FleetHarness.StartAsync("--fleet=2", "--fleet-admin-fault=redirect:file:///etc/passwd@/admin/v1/nodes/node1/launch-plan");

        // When
        var (run, console) = await harness.RunAsync();

        // Then: node1 is an ERROR row naming the redirect; node2 passed; the fleet files were written
        Assert.Equal(["node1 ERROR", "node2 PASS"], run.Result.Rows.Select(r => $"{r.NodeId} {r.StatusText}"));
        Assert.Contains("a redirect to 'file:///etc/passwd', which is not followed", run.Result.Rows[0].Reason);
        Assert.Empty(harness.Requests(1));
        Assert.True(File.Exists(Path.Combine(run.Directory, FleetFiles.ReportFile)));
        Assert.DoesNotContain("this is a bug", console);
    }

    [Fact]
    public async Task Fleet_NodeIdOfDots_ReadsItsOwnLaunchPlanNotAnotherRoute()
    {
        // Given: a nodes file is not needed; the Admin API is asked for node '..' directly
        await using var harness = await FleetHarness.StartAsync("--fleet=1");
        var redactor = new SecretRedactor();
        using var api = new AdminApi(NodeEndpoint.Parse(harness.Fleet.AdminUrl, null, redactor), new Tasks.Client.ResiliencePipelines(TimeSpan.FromSeconds(5), 0, TimeSpan.Zero, _ => { }), redactor);

        // When
        await api.ReadAsync(["node1"], CancellationToken.None);
        var escaped = NodeEndpoint.Parse(harness.Fleet.AdminUrl, null, redactor).Resolve($"admin/v1/nodes/{NodeEndpoint.PathSegment("..")}/launch-plan");

        // Then: the dots stay one literal segment
        Assert.EndsWith("/admin/v1/nodes/%2E%2E/launch-plan", escaped.OriginalString);
        Assert.Equal("/admin/v1/nodes/%2E%2E/launch-plan", escaped.PathAndQuery);
        Assert.Contains(harness.Fleet.AdminRequests, r => r.Path == "/admin/v1/nodes/node1/launch-plan");
    }

    [Fact]
    public async Task Push_GatewayAnswersSeeOther_IsAFailedPushNotAGetCountedAsPushed()
    {
        // Given: a "Pushgateway" that answers every push with 303 See Other to a page that answers GET with 200
        await using var gateway = await MlNode.Simulator.MlNodeSimulator.StartAsync(RunHarness.FastSimulator with
        {
            Faults = [MlNode.Simulator.Faults.Fault.Parse("redirect:303:/api/v1/models/list@/api/gateway")],
        });
        var pusher = new PushgatewayPusher(NodeEndpoint.Parse(gateway.BaseUrl + "/api/gateway", null, new SecretRedactor()), new SecretRedactor(), TimeSpan.FromSeconds(5));
        await using var harness = await RunHarness.StartAsync();
        harness.WriteReference();
        var result = await harness.RunAsync(("skip-throughput", string.Empty));

        // When
        var report = DocumentJson.Deserialize<Documents.ValidateReport>(await File.ReadAllTextAsync(Path.Combine(result.ExperimentDirectory, Documents.ValidateReport.FileName)));
        var failure = await pusher.PushAsync(report, CancellationToken.None);

        // Then
        Assert.NotNull(failure);
        Assert.True(failure!.Contains("answered HTTP 303", StringComparison.Ordinal), failure);
        Assert.DoesNotContain(gateway.Journal.Requests, r => r.Method == "GET");
    }
}
