using System.Net;
using System.Net.Http.Headers;
using MlNode.Tasks.Client.Wire;
using MlNode.Tasks.Common;
using MlNode.Tasks.Documents;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace MlNode.Tasks.Client;

/// <summary>
/// The MLNode HTTP API as the phases use it (mlnode-api.md). Every call goes through the pipeline for its
/// kind; every reply is parsed strictly enough to catch a wrong service and loosely enough to ignore extra fields.
/// </summary>
internal sealed class MlNodeClient : IDisposable
{
    private readonly HttpClient _http;
    private readonly NodeEndpoint _node;
    private readonly ResiliencePipelines _pipelines;
    private readonly NodeTransport _transport;
    private readonly TimeProvider _time;
    private readonly TlsTrust _tls;

    /// <summary>Creates a client.</summary>
    /// <param name="node">The node and its credentials.</param>
    /// <param name="pipelines">The resilience pipelines.</param>
    /// <param name="redactor">Masks secrets in error messages built from replies.</param>
    /// <param name="timeProvider">The clock.</param>
    /// <param name="handler">The HTTP handler (tests may pass a fake); owned by the client.</param>
    public MlNodeClient(NodeEndpoint node, ResiliencePipelines pipelines, SecretRedactor redactor, TimeProvider? timeProvider = null, HttpMessageHandler? handler = null)
    {
        _node = node;
        _pipelines = pipelines;
        _time = timeProvider ?? TimeProvider.System;
        _tls = new TlsTrust(node.Tls, _time);
        _http = new HttpClient(handler ?? _tls.Handler())
        {
            // The default 100 s would cut the validation call (up to --validation-timeout, 900 s by default);
            // every call carries its own timeout from its pipeline instead.
            Timeout = Timeout.InfiniteTimeSpan,
        };
        _http.DefaultRequestHeaders.UserAgent.Add(new ProductInfoHeaderValue("MlNode.Tasks", typeof(MlNodeClient).Assembly.GetName().Version?.ToString(3) ?? "0"));
        _http.DefaultRequestHeaders.Authorization = node.Authorization;
        _transport = new NodeTransport(_http, node, redactor, _tls);
    }

    /// <summary>Gets the node this client talks to.</summary>
    public NodeEndpoint Node => _node;

    /// <summary>POST /models/status.</summary>
    public async Task<ModelStatusReply> GetModelStatusAsync(ModelId model, CancellationToken cancellationToken)
    {
        var reply = await _transport.SendAsync(HttpMethod.Post, ApiPaths.ModelStatus, ModelBody(model), _pipelines.Reads, [HttpStatusCode.OK], cancellationToken).ConfigureAwait(false);
        var wire = reply.As<ModelStatusWire>();
        return new ModelStatusReply(wire.Status ?? throw reply.Unexpected("field 'status' is missing"), wire.Progress?.ElapsedSeconds, wire.ErrorMessage, reply.Body);
    }

    /// <summary>POST /models/download: 200/202 started (or already cached), 409 already downloading (benign).</summary>
    public async Task<DownloadReply> StartDownloadAsync(ModelId model, CancellationToken cancellationToken)
    {
        var reply = await _transport.SendAsync(HttpMethod.Post, ApiPaths.ModelDownload, ModelBody(model), _pipelines.Commands,
            [HttpStatusCode.OK, HttpStatusCode.Accepted, HttpStatusCode.Conflict], cancellationToken).ConfigureAwait(false);
        return new DownloadReply((int)reply.Status, reply.Status == HttpStatusCode.Conflict ? null : reply.As<ModelStatusWire>().Status, reply.Body);
    }

    /// <summary>
    /// Who the node is: GET /api/v1/state and /api/v1/versions, each asked once (no retry). What an older node lacks
    /// (404), a node without a backend cannot say yet (503) or a reply leaves out is null with a note; never an error.
    /// </summary>
    public async Task<NodeIdentityInfo> GetIdentityAsync(CancellationToken cancellationToken)
    {
        var notes = new List<string>();
        var state = await TryGetAsync<StateWire>(ApiPaths.State, notes, cancellationToken).ConfigureAwait(false);
        var versions = await TryGetAsync<VersionsWire>(ApiPaths.Versions, notes, cancellationToken).ConfigureAwait(false);
        return new NodeIdentityInfo
        {
            State = Clean(state?.State),
            MlnodeVersion = Clean(versions?.Version) ?? Clean(state?.Version),
            VllmVersion = Clean(versions?.VllmVersion),
            PocPluginVersion = Clean(versions?.GonkaPocVersion),
            Note = notes.Count == 0 ? null : "not reported by this MLNode (" + string.Join("; ", notes) + ")",
        };
    }

    /// <summary>GET /inference/up/status.</summary>
    public async Task<InferenceStatus> GetInferenceStatusAsync(CancellationToken cancellationToken)
    {
        var reply = await _transport.SendAsync(HttpMethod.Get, ApiPaths.InferenceUpStatus, null, _pipelines.Reads, [HttpStatusCode.OK], cancellationToken).ConfigureAwait(false);
        var wire = reply.As<InferenceStatusWire>();
        return new InferenceStatus(
            wire.IsRunning,
            wire.IsStarting ?? false,
            wire.Status,
            wire.ElapsedSeconds,
            wire.Error?.Type is JTokenType.String or JTokenType.Object ? wire.Error.ToString(Formatting.None).Trim('"') : null,
            reply.Body);
    }

    /// <summary>POST /inference/up/async: 200 accepted, 409 already running or starting (benign).</summary>
    public async Task<NodeReply> StartInferenceAsync(ModelId model, string dtype, IReadOnlyList<string> additionalArgs, CancellationToken cancellationToken)
    {
        var body = new JObject { ["model"] = model.Value, ["dtype"] = dtype, ["additional_args"] = new JArray(additionalArgs) };
        return await _transport.SendAsync(HttpMethod.Post, ApiPaths.InferenceUpAsync, body, _pipelines.Commands, [HttpStatusCode.OK, HttpStatusCode.Conflict], cancellationToken).ConfigureAwait(false);
    }

    /// <summary>POST /inference/down: stops vLLM.</summary>
    public Task<NodeReply> StopInferenceAsync(CancellationToken cancellationToken) =>
        _transport.SendAsync(HttpMethod.Post, ApiPaths.InferenceDown, new JObject(), _pipelines.Commands, [HttpStatusCode.OK], cancellationToken);

    /// <summary>POST /pow/init/generate, retried on 503 as the contract allows.</summary>
    public async Task<InitGenerateReply> InitGenerateAsync(JObject body, CancellationToken cancellationToken)
    {
        var reply = await _transport.SendAsync(HttpMethod.Post, ApiPaths.PowInitGenerate, body, _pipelines.InitGenerate, [HttpStatusCode.OK], cancellationToken).ConfigureAwait(false);
        var wire = reply.As<InitGenerateWire>();
        var errors = wire.Errors?.Select(e => e.ToString(Formatting.None)).ToList() ?? [];
        return new InitGenerateReply(wire.Backends, wire.NGroups ?? wire.Backends, errors, reply.Body);
    }

    /// <summary>GET /pow/status.</summary>
    public async Task<PowStatus> GetPowStatusAsync(CancellationToken cancellationToken)
    {
        var reply = await _transport.SendAsync(HttpMethod.Get, ApiPaths.PowStatus, null, _pipelines.Reads, [HttpStatusCode.OK], cancellationToken).ConfigureAwait(false);
        var wire = reply.As<PowStatusWire>();
        var backends = (wire.Backends ?? [])
            .Select(b => new BackendStatus(b.Port, b.Status ?? "UNKNOWN", b.Stats?.NoncesPerSecond, b.Stats?.TotalProcessed, b.Detail))
            .ToList();
        return new PowStatus(wire.Status, backends, reply.Body);
    }

    /// <summary>
    /// POST /pow/stop: one attempt (repeated only when it provably never left). Idempotent, but its retry belongs to
    /// the caller, which confirms by /pow/status and sends it again only while generation goes on: a gateway may
    /// lose the reply of a stop the node carried out, and blind retries would eat the stop's time limit.
    /// </summary>
    public Task<NodeReply> StopPowAsync(CancellationToken cancellationToken) =>
        _transport.SendAsync(HttpMethod.Post, ApiPaths.PowStop, new JObject(), _pipelines.Commands, [HttpStatusCode.OK], cancellationToken);

    /// <summary>
    /// POST /pow/generate with <c>wait: true</c> and no validation block: the node computes the given nonces, with its
    /// own timeout, repeated once when the connection closed before any answer (the computation changes no node state);
    /// the body is streamed from <paramref name="writeBody"/>, the reply returned as text (read entry by entry: it grows
    /// with the nonces).
    /// </summary>
    public Task<RawReply> GenerateAsync(Action<JsonWriter> writeBody, int nonces, TimeSpan timeout, Action<string> warn, CancellationToken cancellationToken) =>
        _transport.SendRawAsync(HttpMethod.Post, ApiPaths.PowGenerate, writeBody, _pipelines.GenerationCall(timeout, warn), [HttpStatusCode.OK],
            cancellationToken, timeout, ReplyLimits.ForNonces(nonces));

    /// <summary>
    /// POST /pow/generate with <c>wait: true</c> and a validation block: the node recomputes and judges the given
    /// vectors. Repeated once when the connection closed before any answer (the computation changes no node state).
    /// </summary>
    public Task<NodeReply> ValidateAsync(Action<JsonWriter> writeBody, int nonces, TimeSpan timeout, Action<string> warn, CancellationToken cancellationToken) =>
        _transport.SendAsync(HttpMethod.Post, ApiPaths.PowGenerate, writeBody, _pipelines.ValidationCall(timeout, warn), [HttpStatusCode.OK],
            cancellationToken, timeout, ReplyLimits.ForNonces(nonces));

    /// <inheritdoc />
    public void Dispose()
    {
        _http.Dispose();
        _tls.Dispose();
    }

    private async Task<T?> TryGetAsync<T>(string path, List<string> notes, CancellationToken cancellationToken)
        where T : class
    {
        try
        {
            var reply = await _transport.ExchangeAsync(HttpMethod.Get, path, null, _pipelines.Probes, cancellationToken).ConfigureAwait(false);
            if (reply.Status != HttpStatusCode.OK)
            {
                notes.Add($"GET /{path}: {(int)reply.Status}");
                return null;
            }

            if (JToken.Parse(reply.Text) is JObject body)
            {
                return body.ToObject<T>(NodeReply.Wire);
            }

            notes.Add($"GET /{path}: not a JSON object");
            return null;
        }
        catch (Exception ex) when (ex is MlNodeException or JsonException)
        {
            notes.Add($"GET /{path}: {OutsideText.OneLine(ex.Message)}");
            return null;
        }
    }

    // A version is outside text: one short line, or nothing.
    private static string? Clean(string? value) => string.IsNullOrWhiteSpace(value) ? null : OutsideText.OneLine(value.Length > 64 ? value[..64] : value);

    private static JObject ModelBody(ModelId model) => new() { ["hf_repo"] = model.Value, ["hf_commit"] = null };
}
