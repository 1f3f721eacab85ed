using System.Net;
using MlNode.Tasks.Client;
using MlNode.Tasks.Common;
using MlNode.Tasks.Fleet.Documents;
using Newtonsoft.Json;

namespace MlNode.Tasks.Fleet;

/// <summary>
/// Reads a fleet from a Network Node's Admin API: <c>GET /admin/v1/nodes</c> (every MLNode with the broker's state),
/// <c>GET /admin/v1/nodes/&lt;id&gt;/launch-plan</c> (the exact args each model is launched with) and
/// <c>GET /admin/v1/poc/timing</c> (the PoC schedule). Reads only, through the retrying pipelines for reads.
/// </summary>
internal sealed class AdminApi : IDisposable
{
    /// <summary>The Admin API's default port.</summary>
    public const int DefaultPort = 9200;

    /// <summary>The largest Admin API reply read (a thousand nodes take well under 1 MiB): beyond it, it is not the Admin API.</summary>
    public const long MaxReplyBytes = ReplyLimits.Small;

    private const string NodesPath = "admin/v1/nodes";
    private const string TimingPath = "admin/v1/poc/timing";

    // The Network Node answers launch plans from a governance query each: a few at a time, not the whole fleet at once.
    private const int LaunchPlanReadsAtOnce = 8;
    private readonly NodeEndpoint _endpoint;
    private readonly HttpClient _http;
    private readonly TlsTrust _tls;
    private readonly NodeTransport _transport;
    private readonly ResiliencePipelines _pipelines;
    private readonly SecretRedactor _redactor;

    /// <summary>Creates a client.</summary>
    /// <param name="endpoint">The Admin API's base URL.</param>
    /// <param name="pipelines">The resilience pipelines (only reads are used).</param>
    /// <param name="redactor">Secrets to mask in errors.</param>
    /// <param name="handler">An HTTP handler to use instead of the network stack (tests), or null.</param>
    public AdminApi(NodeEndpoint endpoint, ResiliencePipelines pipelines, SecretRedactor redactor, HttpMessageHandler? handler = null)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        ArgumentNullException.ThrowIfNull(pipelines);
        ArgumentNullException.ThrowIfNull(redactor);
        _endpoint = endpoint;
        _pipelines = pipelines;
        _redactor = redactor;
        _tls = new TlsTrust(endpoint.Tls, TimeProvider.System, "--admin-ca-cert");
        _http = handler is null ? new HttpClient(_tls.Handler()) : new HttpClient(handler, disposeHandler: false);
        _http.Timeout = Timeout.InfiniteTimeSpan;
        _http.DefaultRequestHeaders.Authorization = endpoint.Authorization;
        _transport = new NodeTransport(_http, endpoint, redactor, _tls);
    }

    /// <summary>
    /// Makes the Admin API's URL from what the user typed: a scheme is optional (http is assumed), and without a
    /// port the Admin API's default port 9200 is used.
    /// </summary>
    public static string Normalize(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var trimmed = text.Trim();
        var withScheme = trimmed.Contains("://", StringComparison.Ordinal) ? trimmed : "http://" + trimmed;
        if (!Uri.TryCreate(withScheme, UriKind.Absolute, out var uri))
        {
            return withScheme;
        }

        var authority = withScheme[(withScheme.IndexOf("://", StringComparison.Ordinal) + 3)..].Split('/')[0];
        var hostPart = authority[(authority.LastIndexOf('@') + 1)..];
        var hasPort = hostPart.StartsWith('[') ? hostPart.Contains("]:", StringComparison.Ordinal) : hostPart.Contains(':', StringComparison.Ordinal);
        return hasPort ? withScheme : new UriBuilder(uri) { Port = DefaultPort }.Uri.ToString().TrimEnd('/');
    }

    /// <summary>Gets the scheme of node URLs built from a host without one.</summary>
    public string MlNodeScheme { get; init; } = "http";

    /// <summary>Reads the fleet, the launch plans of the nodes to validate, and the PoC schedule.</summary>
    /// <param name="nodeIds">The nodes whose launch plans are read (--node-ids), or null for every node.</param>
    /// <param name="cancellationToken">Ctrl-C.</param>
    /// <exception cref="InputException">The Admin API cannot be reached or answers something else than its format.</exception>
    public async Task<FleetInventory> ReadAsync(IReadOnlyCollection<string>? nodeIds, CancellationToken cancellationToken)
    {
        var entries = await GetAsync<List<AdminNode?>>(NodesPath, allowNotFound: false, cancellationToken).ConfigureAwait(false)
            ?? throw new InputException($"the Admin API at {_endpoint.Display} has no /{NodesPath}; check --admin-api");
        var nodes = entries.Select((e, i) =>
        {
            var where = $"--admin-api GET /{NodesPath} item [{i}]";
            return e?.Node is { } node ? FleetNode.From(node, e.State, where, MlNodeScheme) : throw new InputException($"{where} has no 'node' object; " +
                $"is --admin-api the Network Node's Admin API (port 9200)?");
        }).ToList();
        var launches = new NodeLaunch?[nodes.Count];
        await Parallel.ForEachAsync(
            Enumerable.Range(0, nodes.Count).Where(i => nodeIds is null || nodeIds.Contains(nodes[i].Id)),
            new ParallelOptions { MaxDegreeOfParallelism = LaunchPlanReadsAtOnce, CancellationToken = cancellationToken },
            async (i, token) => launches[i] = await LaunchAsync(nodes[i], token).ConfigureAwait(false)).ConfigureAwait(false);
        nodes = nodes.Select((n, i) => n with { Launch = launches[i] }).ToList();

        // An older Network Node without the endpoint: the schedule is unknown, which the safety check refuses.
        var timing = await GetAsync<PocTimingReply>(TimingPath, allowNotFound: true, cancellationToken).ConfigureAwait(false);

        return new FleetInventory(FleetInventory.AdminApi, _endpoint.Display, nodes, StateKnown: true, timing);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _http.Dispose();
        _tls.Dispose();
    }

    /// <summary>How the Network Node launches the node's models: its launch plan, or its configured args on an older Network Node.</summary>
    private async Task<NodeLaunch> LaunchAsync(FleetNode node, CancellationToken cancellationToken)
    {
        var path = $"admin/v1/nodes/{NodeEndpoint.PathSegment(node.Id)}/launch-plan";
        var origin = $"launch-plan {_endpoint.Display} {node.Id}";
        RawReply reply;
        try
        {
            reply = await _transport.ExchangeAsync(HttpMethod.Get, path, null, _pipelines.AdminQueries, cancellationToken).ConfigureAwait(false);
        }
        catch (MlNodeCallException ex)
        {
            return NodeLaunch.Failed(origin, $"the launch plan could not be read ({ex.Message}); the node's deploy args are unknown");
        }

        if (reply.RedirectProblem() is { } redirect)
        {
            return NodeLaunch.Failed(origin, $"the launch plan could not be read (GET /{path} {redirect})");
        }

        var answered = $"GET /{path} answered HTTP {(int)reply.Status} {_redactor.Redact(NodeReply.Snippet(reply.Text.Trim()))}";
        switch (reply.Status)
        {
            case HttpStatusCode.NotFound:
                var fallback = $"admin-api {_endpoint.Display} {node.Id} models{{}}.args (no launch plan: an older Network Node; without governance args)";
                return NodeLaunch.FromConfig(fallback, $"{node.Id}: {answered}, an older Network Node without launch plans; deploying the node's configured args, " +
                    $"without the governance args production adds");
            case HttpStatusCode.BadGateway:
                return NodeLaunch.Failed(origin, $"the Network Node could not query governance for the launch plan ({answered}); run again when its chain connection works");
            case HttpStatusCode.OK:
                break;
            default:
                return NodeLaunch.Failed(origin, $"the launch plan could not be read ({answered})");
        }

        LaunchPlanReply plan;
        try
        {
            plan = DocumentJson.Deserialize<LaunchPlanReply>(reply.Text);
        }
        catch (JsonException ex)
        {
            return NodeLaunch.Failed(origin, $"GET /{path} answered something else than a launch plan ({ex.Message.Split(Environment.NewLine)[0]})");
        }

        var planned = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        foreach (var entry in plan.Plans ?? [])
        {
            if (entry?.ModelId is not { } model || entry.Args is not { } args || args.Any(a => a is null))
            {
                return NodeLaunch.Failed(origin, $"GET /{path} has a plan without a model_id or with args that are not a list of strings");
            }

            planned[model] = args;
        }

        var excluded = new Dictionary<string, string>(StringComparer.Ordinal);
        Exclude(excluded, plan.SkippedModels, "the Network Node would not launch it: governance does not list the model (skipped_models)");
        Exclude(excluded, plan.UnsupportedModels, "the Network Node would not launch it: the current PoC parameters filter the model out (unsupported_models)");
        return new NodeLaunch { Origin = origin, Planned = planned, Excluded = excluded };
    }

    private static void Exclude(Dictionary<string, string> excluded, IReadOnlyList<LaunchPlanExclusion>? models, string why)
    {
        foreach (var model in models ?? [])
        {
            if (model?.ModelId is { } id)
            {
                excluded.TryAdd(id, model.Reason is { Length: > 0 } reason ? $"{why}: {reason}" : why);
            }
        }
    }

    private async Task<T?> GetAsync<T>(string path, bool allowNotFound, CancellationToken cancellationToken)
        where T : class
    {
        RawReply reply;
        try
        {
            reply = await _transport.ExchangeAsync(HttpMethod.Get, path, null, _pipelines.Reads, cancellationToken).ConfigureAwait(false);
        }
        catch (MlNodeCallException ex) when (ex.InnerException is { } cause && TransientFaults.IsOverSizeLimit(cause))
        {
            throw new InputException($"the Admin API at {_endpoint.Display} answered {ex.Endpoint} with more than {ReplyLimits.Describe(MaxReplyBytes)}, " +
                $"which no Network Node's Admin API sends; check --admin-api");
        }
        catch (MlNodeCallException ex)
        {
            throw new InputException($"the Admin API at {_endpoint.Display} cannot be reached ({ex.Message}); check --admin-api (the Network Node's admin port, 9200 by default)");
        }

        if (reply.Status == HttpStatusCode.NotFound && allowNotFound)
        {
            return null;
        }

        if (reply.RedirectProblem() is { } redirect)
        {
            throw new InputException($"the Admin API at {_endpoint.Display} {reply.Endpoint} {redirect}; point --admin-api at the address that answers");
        }

        if (reply.Status is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden)
        {
            throw new InputException($"the Admin API at {_endpoint.Display} answered {reply.Endpoint} with HTTP {(int)reply.Status}: it wants credentials; " +
                $"set {NodeEndpoint.AdminAuthorizationVariable}='Bearer <token>' (or put user:password@ in --admin-api)");
        }

        if (reply.Status != HttpStatusCode.OK)
        {
            throw new InputException($"the Admin API at {_endpoint.Display} answered {reply.Endpoint} with HTTP {(int)reply.Status} {_redactor.Redact(NodeReply.Snippet(reply.Text.Trim()))}; " +
                $"check --admin-api");
        }

        try
        {
            return DocumentJson.Deserialize<T>(reply.Text);
        }
        catch (JsonException ex)
        {
            throw new InputException($"the Admin API at {_endpoint.Display} answered {reply.Endpoint} with something else than its format ({ex.Message.Split(Environment.NewLine)[0]}): " +
                $"'{_redactor.Redact(NodeReply.Snippet(reply.Text.Trim()))}'; is --admin-api the Network Node's Admin API?");
        }
    }
}
