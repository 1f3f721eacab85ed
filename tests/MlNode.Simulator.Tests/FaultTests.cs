using System.Net;
using MlNode.Simulator.Faults;
using MlNode.Simulator.State;
using Newtonsoft.Json.Linq;

namespace MlNode.Simulator.Tests;

/// <summary>Every injected fault, observed over HTTP.</summary>
[Trait("Category", "Integration")]
public sealed class FaultTests
{
    private static SimulatorOptions Running => SimulatorClient.Fast with { Running = "Org/Model", RunningTp = 4 };

    private static JObject Validation(VectorInputs inputs, int count)
    {
        var body = SimulatorClient.Poc();
        body["nonces"] = new JArray(Enumerable.Range(0, count));
        body["wait"] = true;
        body["validation"] = new JObject
        {
            ["artifacts"] = new JArray(Enumerable.Range(0, count).Select(n => new JObject { ["nonce"] = n, ["vector_b64"] = VectorOracle.Encode(VectorOracle.Honest(inputs, n, 64)) })),
        };
        return body;
    }

    private static readonly VectorInputs Inputs = new("Org/Model", 128, 12, "TEST_BLOCK", "test_pub_keys");

    [Fact]
    public async Task Dishonest_Fraction_GivesWrongVectorsForAboutThatShare()
    {
        await using var node = await SimulatorClient.StartAsync(Running, "dishonest:0.25");

        var reply = await node.PostAsync("/api/v1/inference/pow/generate", Validation(Inputs, 400));

        Assert.InRange((int)reply.Body!["n_mismatch"]!, 70, 130);
        Assert.True((bool)reply.Body["fraud_detected"]!);
    }

    [Fact]
    public async Task Dishonest_ListedNonces_OnlyThoseMismatch()
    {
        await using var node = await SimulatorClient.StartAsync(Running, "dishonest:4,7");

        var reply = await node.PostAsync("/api/v1/inference/pow/generate", Validation(Inputs, 32));

        Assert.Equal([4L, 7], reply.Body!["mismatch_nonces"]!.Values<long>());
    }

    [Fact]
    public async Task Lying_SaysNoFraudWhateverItComputed()
    {
        await using var node = await SimulatorClient.StartAsync(Running, "dishonest:0.5", "lying");

        var reply = await node.PostAsync("/api/v1/inference/pow/generate", Validation(Inputs, 32));

        Assert.True((int)reply.Body!["n_mismatch"]! > 5);
        Assert.True((double)reply.Body["p_value"]! < 1e-6);
        Assert.False((bool)reply.Body["fraud_detected"]!);
    }

    [Fact]
    public async Task Incoherent_CountsOneNonceTooMany()
    {
        await using var node = await SimulatorClient.StartAsync(Running, "incoherent");

        var reply = await node.PostAsync("/api/v1/inference/pow/generate", Validation(Inputs, 32));

        Assert.Equal(33, (int)reply.Body!["n_total"]!);
    }

    [Fact]
    public async Task SlowReplica_FirstReplicaRunsAtTheFactor()
    {
        await using var node = await SimulatorClient.StartAsync(Running with { Rate = 40 }, "slow-replica:0.25");

        await node.PostAsync("/api/v1/inference/pow/init/generate", SimulatorClient.Poc());

        Assert.Equal([10.0, 40.0], node.Simulator.Pow.Truth().Select(b => b.TrueRate));
    }

    [Fact]
    public async Task DeployFails_EndsInFailedWithTheGivenError()
    {
        await using var node = await SimulatorClient.StartAsync(SimulatorClient.Fast with { Preloaded = ["Org/Model"] }, "deploy-fails:CUDA error: no kernel image is available");

        await node.PostAsync("/api/v1/inference/up/async", new JObject { ["model"] = "Org/Model" });
        await SimulatorClient.WaitAsync(async () => (string?)(await node.GetAsync("/api/v1/inference/up/status")).Body!["status"] == "failed");

        Assert.Equal("CUDA error: no kernel image is available", (string?)(await node.GetAsync("/api/v1/inference/up/status")).Body!["error"]);
    }

    [Theory]
    [InlineData("download-not-found", "NOT_FOUND")]
    [InlineData("download-partial", "PARTIAL")]
    [InlineData("download-stuck", "DOWNLOADING")]
    public async Task DownloadFaults_EndWhereTheFaultSays(string fault, string final)
    {
        // On a clock the test moves: under load, 0.2 s of real time could pass before the first status call.
        var clock = SimulatorClient.FakeClock();
        await using var node = await SimulatorClient.StartAsync(SimulatorClient.Fast, clock, fault);

        await node.PostAsync("/api/v1/models/download", SimulatorClient.Model("Org/Model"));
        var during = (string?)(await node.PostAsync("/api/v1/models/status", SimulatorClient.Model("Org/Model"))).Body!["status"];
        clock.Advance(TimeSpan.FromSeconds(1));
        var after = (await node.PostAsync("/api/v1/models/status", SimulatorClient.Model("Org/Model"))).Body!;

        Assert.Equal("DOWNLOADING", during);
        Assert.Equal(final, (string?)after["status"]);
        if (final == "PARTIAL")
        {
            Assert.Contains("rate limited", (string?)after["error_message"]);
        }
    }

    [Fact]
    public async Task Offline_DownloadAnswersIgnored()
    {
        await using var node = await SimulatorClient.StartAsync(SimulatorClient.Fast, "offline");

        var reply = await node.PostAsync("/api/v1/models/download", SimulatorClient.Model("Org/Model"));

        Assert.Equal("IGNORED", (string?)reply.Body!["status"]);
        Assert.Equal("NOT_FOUND", (string?)(await node.PostAsync("/api/v1/models/status", SimulatorClient.Model("Org/Model"))).Body!["status"]);
    }

    [Fact]
    public async Task NoBackends_VllmRunsButTheProxyHasNone()
    {
        await using var node = await SimulatorClient.StartAsync(Running, "no-backends");

        Assert.True((bool)(await node.GetAsync("/api/v1/inference/up/status")).Body!["is_running"]!);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await node.PostAsync("/api/v1/inference/pow/init/generate", SimulatorClient.Poc())).Status);
        Assert.Equal("NO_BACKENDS", (string?)(await node.GetAsync("/api/v1/inference/pow/status")).Body!["status"]);
    }

    [Fact]
    public async Task Init503_FirstNCallsAre503ThenOk()
    {
        await using var node = await SimulatorClient.StartAsync(Running, "init-503:2");

        var codes = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
        {
            codes.Add((await node.PostAsync("/api/v1/inference/pow/init/generate", SimulatorClient.Poc())).Status);
        }

        Assert.Equal([HttpStatusCode.ServiceUnavailable, HttpStatusCode.ServiceUnavailable, HttpStatusCode.OK], codes);
    }

    [Fact]
    public async Task Transient_RateIsRoughlyHonouredAndOnlyOnTheGivenPath()
    {
        await using var node = await SimulatorClient.StartAsync(Running, "transient:0.5@/api/v1/inference/pow/status");

        var codes = new List<HttpStatusCode>();
        for (var i = 0; i < 100; i++)
        {
            codes.Add((await node.GetAsync("/api/v1/inference/pow/status")).Status);
        }

        var other = await node.GetAsync("/api/v1/inference/up/status");

        Assert.InRange(codes.Count(c => c is HttpStatusCode.BadGateway or HttpStatusCode.ServiceUnavailable), 30, 70);
        Assert.Contains(HttpStatusCode.BadGateway, codes);
        Assert.Contains(HttpStatusCode.ServiceUnavailable, codes);
        Assert.Equal(HttpStatusCode.OK, other.Status);
    }

    [Fact]
    public async Task Hang_NeverAnswersUntilTheClientGivesUp()
    {
        await using var node = await SimulatorClient.StartAsync(Running, "hang@/api/v1/inference/up/status");
        using var quick = new HttpClient { BaseAddress = new Uri(node.Simulator.BaseUrl), Timeout = TimeSpan.FromMilliseconds(300) };

        await Assert.ThrowsAnyAsync<TaskCanceledException>(() => quick.GetAsync("/api/v1/inference/up/status"));
        Assert.Equal(HttpStatusCode.OK, (await node.GetAsync("/api/v1/inference/pow/status")).Status);
    }

    [Fact]
    public async Task Garbage_AnswersHtmlWith200()
    {
        await using var node = await SimulatorClient.StartAsync(Running, "garbage@/api/v1/inference/up/status");

        var reply = await node.GetAsync("/api/v1/inference/up/status");

        Assert.Equal(HttpStatusCode.OK, reply.Status);
        Assert.StartsWith("<html>", reply.Text);
        Assert.Null(reply.Body);
    }

    [Fact]
    public async Task NoChunked_RefusesAChunkedBodyAndTakesOneWithALength()
    {
        // Given: a strict gateway in front of the node.
        await using var node = await SimulatorClient.StartAsync(Running, "no-chunked");
        var body = "{\"hf_repo\": \"Org/Model\", \"hf_commit\": null}";

        // When: the same body, chunked and with a Content-Length.
        using var chunked = new HttpRequestMessage(HttpMethod.Post, "api/v1/models/status") { Content = new StringContent(body, System.Text.Encoding.UTF8, "application/json") };
        chunked.Headers.TransferEncodingChunked = true;
        using var refused = await node.Http.SendAsync(chunked);
        var accepted = await node.PostAsync("/api/v1/models/status", Newtonsoft.Json.Linq.JObject.Parse(body));

        // Then
        Assert.Equal(HttpStatusCode.LengthRequired, refused.StatusCode);
        Assert.Equal(HttpStatusCode.OK, accepted.Status);
        Assert.Equal("chunked", node.Simulator.Journal.Requests[0].Headers["Transfer-Encoding"]);
    }

    [Fact]
    public async Task Drop_ClosesTheConnectionWithoutAnAnswer()
    {
        await using var node = await SimulatorClient.StartAsync(Running, "drop@/api/v1/inference/pow/stop");

        await Assert.ThrowsAsync<HttpRequestException>(() => node.PostAsync("/api/v1/inference/pow/stop", null));
    }

    [Fact]
    public async Task LostReply_TheNodeActsButTheAnswerIs502()
    {
        // A clock that does not move: the download (0.2 s) cannot finish between the two calls however loaded the machine.
        await using var node = await SimulatorClient.StartAsync(SimulatorClient.Fast, SimulatorClient.FakeClock(), "lost-reply@/api/v1/models/download");

        var reply = await node.PostAsync("/api/v1/models/download", SimulatorClient.Model("Org/Model"));
        var status = await node.PostAsync("/api/v1/models/status", SimulatorClient.Model("Org/Model"));

        Assert.Equal(HttpStatusCode.BadGateway, reply.Status);
        Assert.Equal("DOWNLOADING", (string?)status.Body!["status"]);
    }

    [Fact]
    public async Task Slow_DelaysEveryAnswer()
    {
        await using var node = await SimulatorClient.StartAsync(Running, "slow:250");
        var watch = System.Diagnostics.Stopwatch.StartNew();

        await node.GetAsync("/api/v1/inference/up/status");

        Assert.True(watch.ElapsedMilliseconds >= 240, $"answered after {watch.ElapsedMilliseconds} ms");
    }

    [Fact]
    public async Task RequireAuthorization_RefusesCallsWithoutIt()
    {
        await using var node = await SimulatorClient.StartAsync(Running with { RequireAuthorization = "Bearer t0ken" });

        var refused = await node.GetAsync("/api/v1/inference/up/status");
        node.Http.DefaultRequestHeaders.Add("Authorization", "Bearer t0ken");
        var allowed = await node.GetAsync("/api/v1/inference/up/status");

        Assert.Equal(HttpStatusCode.Unauthorized, refused.Status);
        Assert.Equal(HttpStatusCode.OK, allowed.Status);
    }

    [Theory]
    [InlineData("dishonest", "needs a fraction")]
    [InlineData("slow-replica:2", "factor in (0, 1]")]
    [InlineData("transient:x", "rate between 0 and 1")]
    [InlineData("meteor", "unknown fault 'meteor'")]
    public void Parse_BadFault_SaysWhatIsAccepted(string spec, string message)
    {
        var error = Assert.Throws<FormatException>(() => Fault.Parse(spec));

        Assert.Contains(message, error.Message);
    }

    [Fact]
    public void Options_CommandLine_ParsesEveryForm()
    {
        var options = SimulatorOptions.Parse(["--port=9000", "--gpus", "4", "--fault=dishonest:0.1", "--fault", "slow:5@/api/v1/models", "--preloaded=A/B", "--preloaded=C/D", "--running=A/B"]);

        Assert.Equal((9000, 4), (options.Port, options.Gpus));
        Assert.Equal(["dishonest:0.1", "slow:5@/api/v1/models"], options.Faults.Select(f => f.ToString()));
        Assert.Equal(["A/B", "C/D"], options.Preloaded);
        Assert.Equal("A/B", options.Running);
        Assert.Throws<FormatException>(() => SimulatorOptions.Parse(["--gpus=0"]));
        Assert.Throws<FormatException>(() => SimulatorOptions.Parse(["--colour=blue"]));
    }
}
