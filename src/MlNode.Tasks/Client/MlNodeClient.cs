using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using MlNode.Tasks.Common;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using Polly;
using Polly.Timeout;

namespace MlNode.Tasks.Client;

/// <summary>
/// The MLNode HTTP API as the phases use it (mlnode-api.md). Every call goes through the pipeline for its
/// kind; every reply is parsed strictly enough to catch a wrong service and loosely enough to ignore extra fields.
/// </summary>
public sealed class MlNodeClient : IDisposable
{
    private const int MaxErrorBody = 2000;

    private readonly HttpClient _http;
    private readonly NodeEndpoint _node;
    private readonly ResiliencePipelines _pipelines;
    private readonly SecretRedactor _redactor;
    private readonly TimeProvider _time;

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
        _redactor = redactor;
        _time = timeProvider ?? TimeProvider.System;
        _http = new HttpClient(handler ?? new SocketsHttpHandler
        {
            ConnectTimeout = TimeSpan.FromSeconds(15),
            PooledConnectionIdleTimeout = TimeSpan.FromSeconds(30),
        })
        {
            // The default 100 s would cut the validation call (up to --validation-timeout, 900 s by default);
            // every call carries its own timeout from its pipeline instead.
            Timeout = Timeout.InfiniteTimeSpan,
        };
        _http.DefaultRequestHeaders.UserAgent.Add(new ProductInfoHeaderValue("MlNode.Tasks", typeof(MlNodeClient).Assembly.GetName().Version?.ToString(3) ?? "0"));
        _http.DefaultRequestHeaders.Authorization = node.Authorization;
    }

    /// <summary>Gets the node this client talks to.</summary>
    public NodeEndpoint Node => _node;

    /// <summary>POST /models/status.</summary>
    public async Task<ModelStatusReply> GetModelStatusAsync(ModelId model, CancellationToken cancellationToken)
    {
        var reply = await SendAsync(HttpMethod.Post, ApiPaths.ModelStatus, ModelBody(model), _pipelines.Reads, [HttpStatusCode.OK], cancellationToken).ConfigureAwait(false);
        var status = reply.String("status");
        var progress = reply.Body["progress"] as JObject;
        return new ModelStatusReply(status, progress is null ? null : reply.Number(progress, "elapsed_seconds"), reply.OptionalString("error_message"), reply.Body);
    }

    /// <summary>POST /models/download: 200/202 started (or already cached), 409 already downloading (benign).</summary>
    public async Task<DownloadReply> StartDownloadAsync(ModelId model, CancellationToken cancellationToken)
    {
        var reply = await SendAsync(HttpMethod.Post, ApiPaths.ModelDownload, ModelBody(model), _pipelines.Commands, [HttpStatusCode.OK, HttpStatusCode.Accepted, HttpStatusCode.Conflict], cancellationToken).ConfigureAwait(false);
        return new DownloadReply((int)reply.Status, reply.Status == HttpStatusCode.Conflict ? null : reply.OptionalString("status"), reply.Body);
    }

    /// <summary>GET /inference/up/status.</summary>
    public async Task<InferenceStatus> GetInferenceStatusAsync(CancellationToken cancellationToken)
    {
        var reply = await SendAsync(HttpMethod.Get, ApiPaths.InferenceUpStatus, null, _pipelines.Reads, [HttpStatusCode.OK], cancellationToken).ConfigureAwait(false);
        return new InferenceStatus(
            reply.Bool("is_running"),
            reply.OptionalBool("is_starting") ?? false,
            reply.OptionalString("status"),
            reply.OptionalNumber("elapsed_seconds"),
            reply.Body["error"]?.Type is JTokenType.String or JTokenType.Object ? reply.Body["error"]!.ToString(Formatting.None).Trim('"') : null,
            reply.Body);
    }

    /// <summary>POST /inference/up/async: 200 accepted, 409 already running or starting (benign).</summary>
    public async Task<NodeReply> StartInferenceAsync(ModelId model, string dtype, IReadOnlyList<string> additionalArgs, CancellationToken cancellationToken)
    {
        var body = new JObject { ["model"] = model.Value, ["dtype"] = dtype, ["additional_args"] = new JArray(additionalArgs) };
        return await SendAsync(HttpMethod.Post, ApiPaths.InferenceUpAsync, body, _pipelines.Commands, [HttpStatusCode.OK, HttpStatusCode.Conflict], cancellationToken).ConfigureAwait(false);
    }

    /// <summary>POST /inference/down: stops vLLM.</summary>
    public Task<NodeReply> StopInferenceAsync(CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Post, ApiPaths.InferenceDown, new JObject(), _pipelines.Commands, [HttpStatusCode.OK], cancellationToken);

    /// <summary>POST /pow/init/generate, retried on 503 as the contract allows.</summary>
    public async Task<InitGenerateReply> InitGenerateAsync(JObject body, CancellationToken cancellationToken)
    {
        var reply = await SendAsync(HttpMethod.Post, ApiPaths.PowInitGenerate, body, _pipelines.InitGenerate, [HttpStatusCode.OK], cancellationToken).ConfigureAwait(false);
        var errors = reply.OptionalArray("errors")?.Select(e => e.ToString(Formatting.None)).ToList() ?? [];
        return new InitGenerateReply((int)reply.Integer("backends"), (int)(reply.OptionalInteger("n_groups") ?? reply.Integer("backends")), errors, reply.Body);
    }

    /// <summary>GET /pow/status.</summary>
    public async Task<PowStatus> GetPowStatusAsync(CancellationToken cancellationToken)
    {
        var reply = await SendAsync(HttpMethod.Get, ApiPaths.PowStatus, null, _pipelines.Reads, [HttpStatusCode.OK], cancellationToken).ConfigureAwait(false);
        var backends = new List<BackendStatus>();
        foreach (var item in reply.OptionalArray("backends") ?? [])
        {
            if (item is not JObject backend)
            {
                throw reply.Unexpected("an entry of 'backends' is not an object");
            }

            var stats = backend["stats"] as JObject;
            var port = backend["port"]?.Type == JTokenType.Integer ? backend["port"]!.Value<int>() : (int?)null;
            backends.Add(new BackendStatus(
                port,
                backend["status"]?.ToString() ?? "UNKNOWN",
                stats is null ? null : reply.Number(stats, "nonces_per_second"),
                stats?["total_processed"]?.Type == JTokenType.Integer ? stats["total_processed"]!.Value<long>() : null,
                backend["detail"]?.ToString()));
        }

        return new PowStatus(reply.String("status"), backends, reply.Body);
    }

    /// <summary>
    /// POST /pow/stop: one attempt (repeated only when it provably never left). Idempotent, but its retry belongs to
    /// the caller, which confirms by /pow/status and sends it again only while generation goes on: a gateway may
    /// lose the reply of a stop the node carried out, and blind retries would eat the stop's time limit.
    /// </summary>
    public Task<NodeReply> StopPowAsync(CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Post, ApiPaths.PowStop, new JObject(), _pipelines.Commands, [HttpStatusCode.OK], cancellationToken);

    /// <summary>
    /// POST /pow/generate with <c>wait: true</c>: the node computes (and, with a validation block, judges) the
    /// given nonces. One attempt with its own timeout; the body is streamed from <paramref name="writeBody"/>.
    /// </summary>
    public Task<NodeReply> GenerateAsync(Action<JsonWriter> writeBody, TimeSpan timeout, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Post, ApiPaths.PowGenerate, writeBody, ResiliencePipelines.LongCall(timeout, _time), [HttpStatusCode.OK], cancellationToken, timeout);

    /// <inheritdoc />
    public void Dispose() => _http.Dispose();

    private static JObject ModelBody(ModelId model) => new() { ["hf_repo"] = model.Value, ["hf_commit"] = null };

    private Task<NodeReply> SendAsync(HttpMethod method, string path, JObject? body, ResiliencePipeline<HttpResponseMessage> pipeline, HttpStatusCode[] expected, CancellationToken cancellationToken) =>
        SendAsync(method, path, body is null ? null : w => body.WriteTo(w), pipeline, expected, cancellationToken, attemptTimeout: null);

    private async Task<NodeReply> SendAsync(
        HttpMethod method,
        string path,
        Action<JsonWriter>? writeBody,
        ResiliencePipeline<HttpResponseMessage> pipeline,
        HttpStatusCode[] expected,
        CancellationToken cancellationToken,
        TimeSpan? attemptTimeout)
    {
        var endpoint = $"{method.Method} /{path}";
        var context = ResilienceContextPool.Shared.Get(cancellationToken);
        context.Properties.Set(ResiliencePipelines.EndpointKey, endpoint);
        HttpResponseMessage response;
        try
        {
            response = await pipeline.ExecuteAsync(
                async (ctx, write) =>
                {
                    using var request = new HttpRequestMessage(method, _node.Resolve(path));
                    if (write is not null)
                    {
                        request.Content = new JsonWriterContent(write);
                    }

                    return await _http.SendAsync(request, HttpCompletionOption.ResponseContentRead, ctx.CancellationToken).ConfigureAwait(false);
                },
                context,
                writeBody).ConfigureAwait(false);
        }
        catch (TimeoutRejectedException ex)
        {
            var seconds = (attemptTimeout ?? ex.Timeout).TotalSeconds;
            throw new MlNodeCallException(endpoint, string.Create(CultureInfo.InvariantCulture, $"got no answer within {seconds:0.#}s"), innerException: ex);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested && ex is HttpRequestException or IOException or OperationCanceledException)
        {
            throw new MlNodeCallException(endpoint, $"could not reach the node at {_node.Display}: {_redactor.Redact(Describe(ex))}", innerException: ex);
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }

        using (response)
        {
            var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            if (!expected.Contains(response.StatusCode))
            {
                throw new MlNodeCallException(
                    endpoint,
                    $"failed: HTTP {(int)response.StatusCode} {_redactor.Redact(NodeReply.Snippet(Detail(text)))}",
                    response.StatusCode,
                    _redactor.Redact(text.Length > MaxErrorBody ? text[..MaxErrorBody] : text));
            }

            return new NodeReply(endpoint, response.StatusCode, ParseObject(endpoint, response, text));
        }
    }

    private JObject ParseObject(string endpoint, HttpResponseMessage response, string text)
    {
        try
        {
            using var reader = new JsonTextReader(new StringReader(text)) { DateParseHandling = DateParseHandling.None };
            if (JToken.ReadFrom(reader) is JObject obj)
            {
                return obj;
            }
        }
        catch (JsonReaderException)
        {
            // Reported below with what the body looked like.
        }

        var contentType = response.Content.Headers.ContentType?.MediaType ?? "no content type";
        throw new MlNodeCallException(
            endpoint,
            $"answered HTTP {(int)response.StatusCode} with a body that is not a JSON object ({contentType}: '{_redactor.Redact(NodeReply.Snippet(text.Trim()))}'); " +
            "check that --mlnode-url points at the MLNode API itself (usually port 8080), not a proxy or another service",
            response.StatusCode,
            _redactor.Redact(text.Length > MaxErrorBody ? text[..MaxErrorBody] : text));
    }

    private static string Detail(string body)
    {
        // FastAPI errors carry {"detail": ...}; show that rather than the whole body.
        try
        {
            if (JToken.Parse(body) is JObject { } obj && obj["detail"] is { } detail)
            {
                return detail.Type == JTokenType.String ? detail.ToString() : detail.ToString(Formatting.None);
            }
        }
        catch (JsonReaderException)
        {
        }

        return body.Trim();
    }

    private static string Describe(Exception exception)
    {
        var messages = new List<string>();
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (!messages.Contains(e.Message))
            {
                messages.Add(e.Message);
            }
        }

        return string.Join(": ", messages);
    }
}
