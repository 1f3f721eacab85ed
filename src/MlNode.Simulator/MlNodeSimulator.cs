using MlNode.Simulator.Http;
using MlNode.Simulator.State;

namespace MlNode.Simulator;

/// <summary>
/// A running simulated MLNode: an ASP.NET Core minimal API on a loopback port, with its state, its request
/// journal and its ground truth. Start one per test (ephemeral port), per demo, or standalone.
/// </summary>
public sealed class MlNodeSimulator : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly CancellationTokenSource _shutdown;

    private MlNodeSimulator(WebApplication app, CancellationTokenSource shutdown, SimulatorOptions options, RequestJournal journal, PowEngine pow, VllmServer vllm, ModelCache cache)
    {
        _app = app;
        _shutdown = shutdown;
        Options = options;
        Journal = journal;
        Pow = pow;
        Vllm = vllm;
        Cache = cache;
        BaseUrl = app.Urls.First().TrimEnd('/');
    }

    /// <summary>Gets the base URL, e.g. <c>http://127.0.0.1:41231</c>.</summary>
    public string BaseUrl { get; }

    /// <summary>Gets the options it runs with.</summary>
    public SimulatorOptions Options { get; }

    /// <summary>Gets every request received.</summary>
    public RequestJournal Journal { get; }

    /// <summary>Gets the PoC engine (ground truth: true rates, exact counters).</summary>
    internal PowEngine Pow { get; }

    /// <summary>Gets the vLLM lifecycle state.</summary>
    public VllmServer Vllm { get; }

    /// <summary>Gets the model cache.</summary>
    public ModelCache Cache { get; }

    /// <summary>Starts a simulator and returns once it accepts connections.</summary>
    public static async Task<MlNodeSimulator> StartAsync(SimulatorOptions? options = null, TimeProvider? timeProvider = null)
    {
        options ??= new SimulatorOptions();
        var time = timeProvider ?? TimeProvider.System;
        var builder = Hosting.QuietHost.CreateBuilder(typeof(MlNodeSimulator));
        builder.WebHost.UseUrls($"http://{FormatHost(options.Host)}:{options.Port}");
        builder.WebHost.ConfigureKestrel(k => k.Limits.MaxRequestBodySize = 512L * 1024 * 1024);
        var app = builder.Build();

        var shutdown = new CancellationTokenSource();
        var journal = new RequestJournal();
        var cache = new ModelCache(options, time);
        var vllm = new VllmServer(options, cache, time);
        var pow = new PowEngine(options, vllm, time);
        app.UseMiddleware<SimulatorMiddleware>(options, journal, time, shutdown.Token);
        ModelRoutes.Map(app, cache);
        InferenceRoutes.Map(app, vllm, time);
        PowRoutes.Map(app, pow, options, time);
        SimRoutes.Map(app, journal, pow, options);
        IdentityRoutes.Map(app, vllm, pow, options);
        await app.StartAsync().ConfigureAwait(false);
        return new MlNodeSimulator(app, shutdown, options, journal, pow, vllm, cache);
    }

    /// <summary>
    /// Waits until the host is told to stop: Ctrl-C or SIGTERM through ASP.NET Core's console lifetime (a standalone
    /// simulator), or <paramref name="cancellationToken"/>.
    /// </summary>
    public Task WaitForShutdownAsync(CancellationToken cancellationToken = default) => _app.WaitForShutdownAsync(cancellationToken);

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _shutdown.CancelAsync().ConfigureAwait(false);
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
        _shutdown.Dispose();
    }

    private static string FormatHost(string host) => host.Contains(':', StringComparison.Ordinal) && !host.StartsWith('[') ? $"[{host}]" : host;
}
