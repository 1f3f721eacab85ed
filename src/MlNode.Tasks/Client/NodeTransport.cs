using System.Globalization;
using System.Net;
using MlNode.Tasks.Common;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using Polly;
using Polly.Timeout;

namespace MlNode.Tasks.Client;

/// <summary>
/// One call to the node through a resilience pipeline: the request (its body streamed, with a length), the answer
/// checked for an expected status and a JSON object, and every failure turned into an <see cref="MlNodeCallException"/>
/// that names the endpoint and masks secrets.
/// </summary>
internal sealed class NodeTransport(HttpClient http, NodeEndpoint node, SecretRedactor redactor, TlsTrust? tls = null)
{
    private const int MaxErrorBody = 2000;

    public Task<NodeReply> SendAsync(HttpMethod method, string path, JObject? body, ResiliencePipeline<HttpResponseMessage> pipeline, HttpStatusCode[] expected, CancellationToken cancellationToken) =>
        SendAsync(method, path, body is null ? null : w => body.WriteTo(w), pipeline, expected, cancellationToken, attemptTimeout: null, ReplyLimits.Small);

    public async Task<NodeReply> SendAsync(
        HttpMethod method,
        string path,
        Action<JsonWriter>? writeBody,
        ResiliencePipeline<HttpResponseMessage> pipeline,
        HttpStatusCode[] expected,
        CancellationToken cancellationToken,
        TimeSpan? attemptTimeout,
        long maxReplyBytes)
    {
        var reply = await SendRawAsync(method, path, writeBody, pipeline, expected, cancellationToken, attemptTimeout, maxReplyBytes).ConfigureAwait(false);
        return new NodeReply(reply.Endpoint, reply.Status, ParseObject(reply));
    }

    /// <summary>
    /// One call whose answer must have an expected status, returned as text for a caller that reads it as a stream
    /// (a generation reply of a hundred thousand vectors is read entry by entry, never built as one JSON tree).
    /// </summary>
    public async Task<RawReply> SendRawAsync(
        HttpMethod method,
        string path,
        Action<JsonWriter>? writeBody,
        ResiliencePipeline<HttpResponseMessage> pipeline,
        HttpStatusCode[] expected,
        CancellationToken cancellationToken,
        TimeSpan? attemptTimeout,
        long maxReplyBytes)
    {
        var reply = await ExchangeAsync(method, path, writeBody, pipeline, cancellationToken, attemptTimeout, maxReplyBytes).ConfigureAwait(false);
        if (reply.RedirectProblem() is { } redirect)
        {
            throw new MlNodeCallException(reply.Endpoint, redirect + "; point --mlnode-url at the address that answers", reply.Status);
        }

        if (!expected.Contains(reply.Status))
        {
            var hint = reply.Status is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden
                ? $"; the node wants credentials: set {NodeEndpoint.AuthorizationVariable}='Bearer <token>' (or put user:password@ in --mlnode-url)"
                : TlsRefusal.Hint(reply.Status, reply.Text);
            throw new MlNodeCallException(
                reply.Endpoint,
                $"failed: HTTP {(int)reply.Status} {redactor.Redact(NodeReply.Snippet(Detail(reply.Text)))}{hint}",
                reply.Status,
                redactor.Redact(reply.Text.Length > MaxErrorBody ? reply.Text[..MaxErrorBody] : reply.Text));
        }

        return reply;
    }

    /// <summary>
    /// One call through the pipeline, whatever it answers: the status and the body's text. A call that never got an
    /// answer (timeout, connection failure), or whose answer is larger than <paramref name="maxReplyBytes"/>, is an
    /// <see cref="MlNodeCallException"/> naming the endpoint. Redirects are never followed (the handlers do not).
    /// </summary>
    public async Task<RawReply> ExchangeAsync(
        HttpMethod method,
        string path,
        Action<JsonWriter>? writeBody,
        ResiliencePipeline<HttpResponseMessage> pipeline,
        CancellationToken cancellationToken,
        TimeSpan? attemptTimeout = null,
        long maxReplyBytes = ReplyLimits.Small)
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
                    using var request = new HttpRequestMessage(method, node.Resolve(path));
                    if (write is not null)
                    {
                        request.Content = new JsonWriterContent(write);
                    }

                    // The body is read inside the attempt (its timeout covers it) and only up to the cap: a reply of gigabytes
                    // costs a few megabytes and one error, not the process.
                    var answer = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ctx.CancellationToken).ConfigureAwait(false);
                    try
                    {
                        await answer.Content.LoadIntoBufferAsync(maxReplyBytes, ctx.CancellationToken).ConfigureAwait(false);
                        return answer;
                    }
                    catch
                    {
                        answer.Dispose();
                        throw;
                    }
                },
                context,
                writeBody).ConfigureAwait(false);
        }
        catch (Exception ex) when (TransientFaults.IsOverSizeLimit(ex))
        {
            throw new MlNodeCallException(endpoint, $"answered with more than {ReplyLimits.Describe(maxReplyBytes)}, far more than this endpoint returns; " +
                $"check that the URL points at the service itself", innerException: ex);
        }
        catch (TimeoutRejectedException ex)
        {
            var seconds = (attemptTimeout ?? ex.Timeout).TotalSeconds;
            throw new MlNodeCallException(endpoint, string.Create(CultureInfo.InvariantCulture, $"got no answer within {seconds:0.#}s"), innerException: ex);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested && TlsTrust.IsHandshakeFailure(ex))
        {
            // Never a fallback to plain http: the one line says what was refused and what fixes it.
            var why = tls?.Rejection ?? $"the TLS handshake failed " +
                $"({Describe(ex)}){(node.Tls.ClientCert is null ? "; if the node requires a client certificate, pass --client-cert and --client-key" : string.Empty)}";
            throw new MlNodeCallException(endpoint, $"could not reach the node at {node.Display}: {redactor.Redact(why)}", innerException: ex);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested && ex is HttpRequestException or IOException or OperationCanceledException)
        {
            throw new MlNodeCallException(endpoint, $"could not reach the node at {node.Display}: {redactor.Redact(Describe(ex))}", innerException: ex);
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }

        using (response)
        {
            var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            return new RawReply(endpoint, response.StatusCode, text, response.Content.Headers.ContentType?.MediaType, response.Headers.Location?.OriginalString);
        }
    }

    private JObject ParseObject(RawReply reply)
    {
        var (endpoint, status, text) = (reply.Endpoint, reply.Status, reply.Text);
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

        var contentType = reply.ContentType ?? "no content type";
        throw new MlNodeCallException(
            endpoint,
            $"answered HTTP {(int)status} with a body that is not a JSON object ({contentType}: '{redactor.Redact(NodeReply.Snippet(text.Trim()))}'); " +
            "check that --mlnode-url points at the MLNode API itself (usually port 8080), not a proxy or another service",
            status,
            redactor.Redact(text.Length > MaxErrorBody ? text[..MaxErrorBody] : text));
    }

    // FastAPI errors carry {"detail": ...}; show that rather than the whole body. A proxy's HTML error page is shown by
    // its title, not as markup.
    private static string Detail(string body)
    {
        if (HtmlTitle(body) is { } title)
        {
            return $"{title} (an HTML page: a proxy or web server answered, not the MLNode API)";
        }

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

    private static string? HtmlTitle(string body)
    {
        var start = body.IndexOf("<title>", StringComparison.OrdinalIgnoreCase);
        var end = start < 0 ? -1 : body.IndexOf("</title>", start, StringComparison.OrdinalIgnoreCase);
        return end > start ? WebUtility.HtmlDecode(body[(start + "<title>".Length)..end]).Trim() : null;
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

/// <summary>What a call answered, before any check: its endpoint, status, body text and content type.</summary>
/// <param name="Endpoint">The method and path, e.g. <c>GET /admin/v1/nodes</c>.</param>
/// <param name="Status">The HTTP status.</param>
/// <param name="Text">The body.</param>
/// <param name="ContentType">The body's media type, if given.</param>
/// <param name="Location">The Location header of a redirect, if any.</param>
internal sealed record RawReply(string Endpoint, HttpStatusCode Status, string Text, string? ContentType, string? Location = null)
{
    /// <summary>
    /// Says that the reply is a redirect, which is never followed: an MLNode or Admin API that moved is reconfigured by
    /// its operator, and following one could send the call (and its credentials) elsewhere. Null for any other reply.
    /// </summary>
    public string? RedirectProblem() => (int)Status is >= 300 and < 400
        ? $"answered HTTP {(int)Status}, a redirect{(Location is { } to ? " to '" + OutsideText.OneLine(NodeReply.Snippet(to)) + "'" : string.Empty)}, which is not followed"
        : null;
}
