using System.Net;
using Newtonsoft.Json.Linq;

namespace MlNode.Simulator.Tests;

[Trait("Category", "Integration")]
public sealed class ModelRoutesTests
{
    [Fact]
    public async Task Download_GoesNotFoundDownloadingDownloadedWithProgress()
    {
        // Given: a 0.2 s download on a clock the test moves
        var time = SimulatorClient.FakeClock();
        await using var node = await SimulatorClient.StartAsync(null, time);

        // When: the model is asked for, looked at at once and 0.15 s in, and again after 0.25 s
        var before = await node.PostAsync("/api/v1/models/status", SimulatorClient.Model("Org/Model"));
        var started = await node.PostAsync("/api/v1/models/download", SimulatorClient.Model("Org/Model"));
        time.Advance(TimeSpan.FromSeconds(0.15));
        var during = await node.PostAsync("/api/v1/models/status", SimulatorClient.Model("Org/Model"));
        var again = await node.PostAsync("/api/v1/models/download", SimulatorClient.Model("Org/Model"));
        time.Advance(TimeSpan.FromSeconds(0.1));
        var after = await node.PostAsync("/api/v1/models/status", SimulatorClient.Model("Org/Model"));
        var cachedAgain = await node.PostAsync("/api/v1/models/download", SimulatorClient.Model("Org/Model"));

        Assert.Equal("NOT_FOUND", (string?)before.Body!["status"]);
        Assert.Equal(JTokenType.Null, before.Body["progress"]!.Type);
        Assert.Equal(HttpStatusCode.Accepted, started.Status);
        Assert.Equal("Org/Model:latest", (string?)started.Body!["task_id"]);
        Assert.Equal("DOWNLOADING", (string?)during.Body!["status"]);
        Assert.True((double)during.Body["progress"]!["start_time"]! > 1.7e9);
        Assert.Equal(0.15, (double)during.Body["progress"]!["elapsed_seconds"]!, 6);
        Assert.Equal(HttpStatusCode.Conflict, again.Status);
        Assert.Contains("already being downloaded", (string?)again.Body!["detail"]);
        Assert.Equal("DOWNLOADED", (string?)after.Body!["status"]);
        Assert.Equal(HttpStatusCode.Accepted, cachedAgain.Status);
        Assert.Equal("DOWNLOADED", (string?)cachedAgain.Body!["status"]);
        Assert.Equal("Org/Model", (string?)after.Body["model"]!["hf_repo"]);
    }

    [Fact]
    public async Task Download_FourAtOnce_FourthIs429()
    {
        await using var node = await SimulatorClient.StartAsync(SimulatorClient.Fast with { DownloadSeconds = 5 });

        var codes = new List<HttpStatusCode>();
        foreach (var model in new[] { "A/1", "A/2", "A/3", "A/4" })
        {
            codes.Add((await node.PostAsync("/api/v1/models/download", SimulatorClient.Model(model))).Status);
        }

        Assert.Equal([HttpStatusCode.Accepted, HttpStatusCode.Accepted, HttpStatusCode.Accepted, HttpStatusCode.TooManyRequests], codes);
    }

    [Fact]
    public async Task ListDeleteAndSpace_ReflectTheCache()
    {
        await using var node = await SimulatorClient.StartAsync(SimulatorClient.Fast with { Preloaded = ["Org/Cached"], DownloadSeconds = 5 });
        await node.PostAsync("/api/v1/models/download", SimulatorClient.Model("Org/Busy"));

        var list = await node.GetAsync("/api/v1/models/list");
        var cancelled = await node.SendAsync(HttpMethod.Delete, "/api/v1/models", SimulatorClient.Model("Org/Busy"));
        var listAfterCancel = await node.GetAsync("/api/v1/models/list");
        var deleted = await node.SendAsync(HttpMethod.Delete, "/api/v1/models", SimulatorClient.Model("Org/Cached"));
        var unknown = await node.SendAsync(HttpMethod.Delete, "/api/v1/models", SimulatorClient.Model("Org/Never"));
        var space = await node.GetAsync("/api/v1/models/space");

        Assert.Equal([("Org/Cached", "DOWNLOADED")], list.Body!["models"]!.Select(m => ((string)m["model"]!["hf_repo"]!, (string)m["status"]!)));
        Assert.Equal("cancelled", (string?)cancelled.Body!["status"]);
        Assert.Contains(listAfterCancel.Body!["models"]!, m => (string?)m["status"] == "PARTIAL");
        Assert.Equal("deleted", (string?)deleted.Body!["status"]);
        Assert.Equal(HttpStatusCode.NotFound, unknown.Status);
        Assert.NotNull(space.Body!["available_gb"]);
        Assert.NotNull(space.Body["cache_path"]);
    }

    [Theory]
    [InlineData("{}", "missing", "hf_repo")]
    [InlineData("{\"hf_repo\": 5}", "string_type", "hf_repo")]
    [InlineData("not json", "json_invalid", null)]
    public async Task Status_InvalidBody_Is422WithPydanticDetail(string body, string type, string? field)
    {
        await using var node = await SimulatorClient.StartAsync();

        var reply = await node.PostAsync("/api/v1/models/status", body);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, reply.Status);
        var detail = (JArray)reply.Body!["detail"]!;
        Assert.Equal(type, (string?)detail[0]["type"]);
        if (field is not null)
        {
            Assert.Equal(["body", field], detail[0]["loc"]!.Values<string>());
        }
    }
}
