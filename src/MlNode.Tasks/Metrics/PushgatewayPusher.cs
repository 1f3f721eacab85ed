using System.Net.Http.Headers;
using System.Text;
using MlNode.Tasks.Common;
using MlNode.Tasks.Documents;

namespace MlNode.Tasks.Metrics;

/// <summary>
/// Pushes a finished run's metrics to a Prometheus Pushgateway, one group per (node, model) under job
/// <see cref="ValidationMetrics.Job"/>: <c>PUT /metrics/job/mlnode_validate/node@base64/…/model@base64/…</c> replaces
/// the group, so a dashboard always shows each pair's last run. A push that fails is a warning; it never changes the
/// run's exit code or its files.
/// </summary>
internal sealed class PushgatewayPusher
{
    private readonly NodeEndpoint _gateway;
    private readonly SecretRedactor _redactor;
    private readonly TimeSpan _timeout;
    private readonly HttpMessageHandler? _handler;

    /// <summary>Creates a pusher.</summary>
    /// <param name="gateway">The Pushgateway's base URL and credentials.</param>
    /// <param name="redactor">The invocation's secrets registry: every value pushed goes through it, as every file does.</param>
    /// <param name="timeout">The push's limit: the run's request timeout.</param>
    /// <param name="handler">An HTTP handler to use instead of the network stack (tests), or null.</param>
    public PushgatewayPusher(NodeEndpoint gateway, SecretRedactor redactor, TimeSpan timeout, HttpMessageHandler? handler = null)
    {
        ArgumentNullException.ThrowIfNull(gateway);
        ArgumentNullException.ThrowIfNull(redactor);
        _gateway = gateway;
        _redactor = redactor;
        _timeout = timeout;
        _handler = handler;
    }

    /// <summary>
    /// The body pushed for <paramref name="report"/>: the text exposition, with every registered secret masked (a node
    /// can reflect a credential into a value that becomes a label, e.g. its reported version).
    /// </summary>
    public string Body(ValidateReport report) => _redactor.Redact(TextExposition.Render(ValidationMetrics.Collect(report)));

    /// <summary>The path of a pair's group; label values base64url-encoded, so an id or a URL with '/' stays one segment.</summary>
    public static string GroupPath(string node, string model) =>
        $"metrics/job/{ValidationMetrics.Job}/node@base64/{Base64Url(node)}/model@base64/{Base64Url(model)}";

    /// <summary>Pushes the run's metrics; returns null when the gateway took them, else why not (one line, no secrets).</summary>
    public async Task<string?> PushAsync(ValidateReport report, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(report);
        var node = report.FleetNode ?? report.MlnodeUrl;
        try
        {
            var body = Encoding.UTF8.GetBytes(Body(report));
            // A redirect is a failed push: HttpClient would re-send a PUT answered 303 as a GET and call that a success.
            using var http = _handler is null ? new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false }) : new HttpClient(_handler, disposeHandler: false);
            http.Timeout = _timeout;
            using var request = new HttpRequestMessage(HttpMethod.Put, _gateway.Resolve(GroupPath(node, report.Model)))
            {
                Content = new ByteArrayContent(body),
            };
            request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(TextExposition.ContentType);
            request.Headers.Authorization = _gateway.Authorization;
            using var response = await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
            return response.IsSuccessStatusCode
                ? null
                : $"the Pushgateway at {_gateway.Display} answered HTTP {(int)response.StatusCode} " +
                    _redactor.Redact(OutsideText.OneLine(Snippet(await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false))));
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return $"the Pushgateway at {_gateway.Display} could not be reached ({_redactor.Redact(OutsideText.OneLine(ex.Message))})";
        }
    }

    private static string Base64Url(string value) =>
        value.Length == 0 ? "=" : Convert.ToBase64String(Encoding.UTF8.GetBytes(value)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static string Snippet(string text) => text.Length > 200 ? text[..200] + "..." : text;
}
