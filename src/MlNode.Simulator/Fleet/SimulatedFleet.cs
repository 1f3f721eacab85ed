using MlNode.Simulator.Http;

namespace MlNode.Simulator.Fleet;

/// <summary>
/// A simulated Gonka Network Node: its Admin API (<c>GET /admin/v1/nodes</c>, <c>GET /admin/v1/poc/timing</c>) on
/// one loopback port and the MLNodes it manages, each a full <see cref="MlNodeSimulator"/> on its own port with its
/// own faults and broker state.
/// </summary>
public sealed class SimulatedFleet : IAsyncDisposable
{
    private readonly WebApplication _admin;

    private SimulatedFleet(WebApplication admin, IReadOnlyList<MlNodeSimulator> nodes, FleetOptions options)
    {
        _admin = admin;
        Nodes = nodes;
        Options = options;
        AdminUrl = admin.Urls.First().TrimEnd('/');
    }

    /// <summary>Gets the Admin API's base URL.</summary>
    public string AdminUrl { get; }

    /// <summary>Gets the MLNodes; node i (1-based id node<i>i</i>) is <c>Nodes[i - 1]</c>.</summary>
    public IReadOnlyList<MlNodeSimulator> Nodes { get; }

    /// <summary>Gets the options.</summary>
    public FleetOptions Options { get; }

    /// <summary>Gets every request the Admin API received (method, path and the Authorization header it carried), in order.</summary>
    public IReadOnlyCollection<AdminRequest> AdminRequests { get; private init; } = [];

    /// <summary>Starts the nodes, then the Admin API.</summary>
    public static async Task<SimulatedFleet> StartAsync(FleetOptions options, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        var time = timeProvider ?? TimeProvider.System;
        var nodes = new List<MlNodeSimulator>();
        try
        {
            for (var i = 1; i <= options.Count; i++)
            {
                var number = i;
                var node = options.Node with
                {
                    Seed = options.Node.Seed + i,
                    Faults = [.. options.Node.Faults, .. options.NodeFaults.Where(f => f.Node == number).Select(f => f.Fault)],
                    Hardware = options.NodeHardware.LastOrDefault(h => h.Node == number).Hardware ?? options.Node.Hardware,
                };
                nodes.Add(await MlNodeSimulator.StartAsync(node, time).ConfigureAwait(false));
            }

            var builder = Hosting.QuietHost.CreateBuilder(typeof(SimulatedFleet));
            builder.WebHost.UseUrls($"http://{options.Node.Host}:{options.Port}");
            var admin = builder.Build();
            var requests = new System.Collections.Concurrent.ConcurrentQueue<AdminRequest>();
            admin.Use(async (context, next) =>
            {
                var path = context.Request.Path.Value ?? "/";
                requests.Enqueue(new AdminRequest(context.Request.Method, path, context.Request.Headers.Authorization.ToString()));
                if (options.AdminFaults.FirstOrDefault(f => f.PathPrefix is { } prefix && path.StartsWith(prefix,
                    StringComparison.Ordinal)) is { Kind: Faults.FaultKind.HugeReply or Faults.FaultKind.Redirect } fault)
                {
                    await ReplyFaults.AnswerAsync(context, fault).ConfigureAwait(false);
                    return;
                }

                await next(context).ConfigureAwait(false);
            });
            AdminRoutes.Map(admin, options, nodes, time);
            await admin.StartAsync().ConfigureAwait(false);
            return new SimulatedFleet(admin, nodes, options) { AdminRequests = requests };
        }
        catch
        {
            foreach (var node in nodes)
            {
                await node.DisposeAsync().ConfigureAwait(false);
            }

            throw;
        }
    }

    /// <summary>Waits until the host is told to stop (Ctrl-C, SIGTERM) or the token fires.</summary>
    public Task WaitForShutdownAsync(CancellationToken cancellationToken = default) => _admin.WaitForShutdownAsync(cancellationToken);

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _admin.StopAsync().ConfigureAwait(false);
        await _admin.DisposeAsync().ConfigureAwait(false);
        await Task.WhenAll(Nodes.Select(n => n.DisposeAsync().AsTask())).ConfigureAwait(false);
    }
}

/// <summary>One request the simulated Admin API received.</summary>
/// <param name="Method">The HTTP method.</param>
/// <param name="Path">The path.</param>
/// <param name="Authorization">The Authorization header, or empty.</param>
public sealed record AdminRequest(string Method, string Path, string Authorization);
