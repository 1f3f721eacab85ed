using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.WebSockets;
using System.Text;
using Newtonsoft.Json.Linq;

namespace MlNode.Tasks.Tests.Support;

/// <summary>What a real browser made of a page: the requests it sent, what a script measured, and a screenshot.</summary>
internal sealed record RenderedPage(IReadOnlyList<string> Requests, JObject Measured, byte[] Screenshot)
{
    /// <summary>Keeps the screenshot under artifacts/test-results/screenshots/ for a person to look at.</summary>
    public Task KeepScreenshotAsync(string name)
    {
        var screenshots = Path.Combine(RepositoryPaths.Root, "artifacts", "test-results", "screenshots");
        Directory.CreateDirectory(screenshots);
        return File.WriteAllBytesAsync(Path.Combine(screenshots, name), Screenshot);
    }
}

/// <summary>
/// Debian's Chromium, headless, driven over the DevTools protocol on a loopback WebSocket: loads a file at a given
/// viewport width, records every request it sends, evaluates an expression and takes a full-page screenshot.
/// </summary>
internal sealed class HeadlessChromium : IAsyncDisposable
{
    private readonly Process _process;
    private readonly ClientWebSocket _socket;
    private readonly TempDirectory _profile;
    private readonly ConcurrentDictionary<int, TaskCompletionSource<JObject>> _pending = new();
    private readonly ConcurrentQueue<JObject> _events = new();
    private readonly Task _receiving;
    private int _nextId;

    private HeadlessChromium(Process process, ClientWebSocket socket, TempDirectory profile)
    {
        _process = process;
        _socket = socket;
        _profile = profile;
        _receiving = Task.Run(ReceiveAsync);
    }

    /// <summary>The browser to use: $CHROMIUM, or Debian's package.</summary>
    public static string? Find() =>
        new[] { Environment.GetEnvironmentVariable("CHROMIUM"), "/usr/bin/chromium", "/usr/bin/chromium-browser" }.FirstOrDefault(p => p is not null && File.Exists(p));

    public static async Task<HeadlessChromium> StartAsync(string executable)
    {
        var profile = new TempDirectory();
        var start = new ProcessStartInfo(executable) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var argument in new[]
        {
            "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
            "--disable-component-update", "--disable-sync", "--disable-extensions", $"--user-data-dir={profile.Path}", "--remote-debugging-port=0", "about:blank",
        })
        {
            start.ArgumentList.Add(argument);
        }

        var process = Process.Start(start)!;
        var endpoint = await ReadEndpointAsync(process);
        var socket = new ClientWebSocket();
        await socket.ConnectAsync(new Uri(endpoint), CancellationToken.None);
        return new HeadlessChromium(process, socket, profile);
    }

    /// <summary>Loads a file at a viewport width and reports what the browser did with it.</summary>
    public async Task<RenderedPage> RenderAsync(string file, int width, string measure)
    {
        var target = await SendAsync("Target.createTarget", new JObject { ["url"] = "about:blank" });
        var session = (string)(await SendAsync("Target.attachToTarget", new JObject { ["targetId"] = target["targetId"], ["flatten"] = true }))["sessionId"]!;
        await SendAsync("Network.enable", new JObject(), session);
        await SendAsync("Page.enable", new JObject(), session);
        await SendAsync("Emulation.setDeviceMetricsOverride", new JObject { ["width"] = width, ["height"] = 900, ["deviceScaleFactor"] = 1, ["mobile"] = false }, session);
        var url = new Uri(Path.GetFullPath(file)).AbsoluteUri;
        await SendAsync("Page.navigate", new JObject { ["url"] = url }, session);
        await WaitForEventAsync("Page.loadEventFired", session);
        var requests = _events.Where(e => (string?)e["method"] == "Network.requestWillBeSent" && (string?)e["sessionId"] == session)
            .Select(e => (string)e["params"]!["request"]!["url"]!).ToList();
        var evaluated = await SendAsync("Runtime.evaluate", new JObject { ["expression"] = measure, ["returnByValue"] = true }, session);
        var measured = JObject.Parse((string)evaluated["result"]!["value"]!);
        var height = (int)Math.Ceiling((double)(await SendAsync("Runtime.evaluate", new JObject { ["expression"] = "document.documentElement.scrollHeight", ["returnByValue"] = true }, session))["result"]!["value"]!);
        await SendAsync("Emulation.setDeviceMetricsOverride", new JObject { ["width"] = width, ["height"] = Math.Min(height, 12000), ["deviceScaleFactor"] = 1, ["mobile"] = false }, session);
        var shot = await SendAsync("Page.captureScreenshot", new JObject { ["format"] = "png" }, session);
        await SendAsync("Target.closeTarget", new JObject { ["targetId"] = target["targetId"] });
        return new RenderedPage(requests, measured, Convert.FromBase64String((string)shot["data"]!));
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await _socket.CloseAsync(WebSocketCloseStatus.NormalClosure, null, CancellationToken.None);
        }
        catch (WebSocketException)
        {
        }

        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
        _socket.Dispose();
        _profile.Dispose();
    }

    private static async Task<string> ReadEndpointAsync(Process process)
    {
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (await process.StandardError.ReadLineAsync(limit.Token) is { } line)
        {
            var at = line.IndexOf("ws://", StringComparison.Ordinal);
            if (line.StartsWith("DevTools listening on ", StringComparison.Ordinal) && at >= 0)
            {
                return line[at..].Trim();
            }
        }

        throw new InvalidOperationException("chromium exited without a DevTools endpoint");
    }

    private async Task<JObject> SendAsync(string method, JObject parameters, string? session = null)
    {
        var id = Interlocked.Increment(ref _nextId);
        var reply = new TaskCompletionSource<JObject>(TaskCreationOptions.RunContinuationsAsynchronously);
        _pending[id] = reply;
        var message = new JObject { ["id"] = id, ["method"] = method, ["params"] = parameters };
        if (session is not null)
        {
            message["sessionId"] = session;
        }

        await _socket.SendAsync(Encoding.UTF8.GetBytes(message.ToString(Newtonsoft.Json.Formatting.None)), WebSocketMessageType.Text, true, CancellationToken.None);
        var answer = await reply.Task.WaitAsync(TimeSpan.FromSeconds(30));
        return answer["error"] is { } error ? throw new InvalidOperationException($"{method}: {error}") : (JObject)answer["result"]!;
    }

    private async Task WaitForEventAsync(string method, string session)
    {
        for (var i = 0; i < 600; i++)
        {
            if (_events.Any(e => (string?)e["method"] == method && (string?)e["sessionId"] == session))
            {
                return;
            }

            await Task.Delay(50);
        }

        throw new TimeoutException($"{method} did not arrive");
    }

    private async Task ReceiveAsync()
    {
        var buffer = new byte[1 << 16];
        var message = new MemoryStream();
        while (_socket.State == WebSocketState.Open)
        {
            WebSocketReceiveResult result;
            try
            {
                result = await _socket.ReceiveAsync(buffer, CancellationToken.None);
            }
            catch (WebSocketException)
            {
                return;
            }

            message.Write(buffer, 0, result.Count);
            if (!result.EndOfMessage)
            {
                continue;
            }

            var json = JObject.Parse(Encoding.UTF8.GetString(message.GetBuffer(), 0, (int)message.Length));
            message.SetLength(0);
            if (json["id"] is { } id && _pending.TryRemove((int)id, out var waiting))
            {
                waiting.SetResult(json);
            }
            else if (json["method"] is not null)
            {
                _events.Enqueue(json);
            }
        }
    }
}
