using System.Net;
using System.Text;
using Microsoft.Extensions.Time.Testing;
using Newtonsoft.Json.Linq;

namespace MlNode.Simulator.Tests;

/// <summary>A started simulator and a raw HTTP client for it; the fixture owns both.</summary>
public sealed class SimulatorClient : IAsyncDisposable
{
    private SimulatorClient(MlNodeSimulator simulator)
    {
        Simulator = simulator;
        Http = new HttpClient { BaseAddress = new Uri(simulator.BaseUrl + "/"), Timeout = TimeSpan.FromSeconds(20) };
    }

    public MlNodeSimulator Simulator { get; }

    public HttpClient Http { get; }

    public static readonly SimulatorOptions Fast = new() { DownloadSeconds = 0.2, DeploySeconds = 0.2, StopSeconds = 0.1 };

    public static Task<SimulatorClient> StartAsync(SimulatorOptions? options = null, params string[] faults) => StartAsync(options, null, faults);

    /// <summary>Starts a simulator on <paramref name="time"/>: a test that waits only on the clock moves it instead of sleeping.</summary>
    public static async Task<SimulatorClient> StartAsync(SimulatorOptions? options, TimeProvider? time, params string[] faults) =>
        new(await MlNodeSimulator.StartAsync((options ?? Fast) with { Faults = [.. (options ?? Fast).Faults, .. faults.Select(Faults.Fault.Parse)] }, time));

    /// <summary>A fake clock starting at the real now (the simulator reports unix start times).</summary>
    public static FakeTimeProvider FakeClock() => new(DateTimeOffset.UtcNow);

    public async Task<(HttpStatusCode Status, JToken? Body, string Text)> SendAsync(HttpMethod method, string path, object? body = null)
    {
        using var request = new HttpRequestMessage(method, path.TrimStart('/'));
        if (body is not null)
        {
            var text = body is string s ? s : JToken.FromObject(body).ToString();
            request.Content = new StringContent(text, Encoding.UTF8, "application/json");
        }

        using var response = await Http.SendAsync(request);
        var content = await response.Content.ReadAsStringAsync();
        JToken? json = null;
        try
        {
            json = content.Length > 0 ? JToken.Parse(content) : null;
        }
        catch (Newtonsoft.Json.JsonReaderException)
        {
        }

        return (response.StatusCode, json, content);
    }

    public Task<(HttpStatusCode Status, JToken? Body, string Text)> PostAsync(string path, object? body) => SendAsync(HttpMethod.Post, path, body ?? new JObject());

    public Task<(HttpStatusCode Status, JToken? Body, string Text)> GetAsync(string path) => SendAsync(HttpMethod.Get, path);

    public static JObject Model(string repo) => new() { ["hf_repo"] = repo, ["hf_commit"] = null };

    public static JObject Poc(string model = "Org/Model", int seqLen = 128, int kDim = 12) => new()
    {
        ["block_hash"] = "TEST_BLOCK",
        ["block_height"] = 100,
        ["public_key"] = "test_pub_keys",
        ["node_id"] = 0,
        ["node_count"] = 1,
        ["params"] = new JObject { ["model"] = model, ["seq_len"] = seqLen, ["k_dim"] = kDim },
    };

    /// <summary>Downloads and deploys a model and waits until vLLM runs.</summary>
    public async Task DeployAsync(string model = "Org/Model", params string[] args)
    {
        await PostAsync("/api/v1/models/download", Model(model));
        await WaitAsync(async () => (string?)(await PostAsync("/api/v1/models/status", Model(model))).Body!["status"] == "DOWNLOADED");
        await PostAsync("/api/v1/inference/up/async", new JObject { ["model"] = model, ["dtype"] = "auto", ["additional_args"] = new JArray(args) });
        await WaitAsync(async () => (bool)(await GetAsync("/api/v1/inference/up/status")).Body!["is_running"]!);
    }

    public static async Task WaitAsync(Func<Task<bool>> condition, double seconds = 10)
    {
        var until = DateTime.UtcNow.AddSeconds(seconds);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < until, "condition not reached in time");
            await Task.Delay(20);
        }
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await Simulator.DisposeAsync();
    }
}
