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
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(15);
    private readonly NodeEndpoint _gateway;
    private readonly HttpMessageHandler? _handler;

    /// <summary>Creates a pusher.</summary>
    /// <param name="gateway">The Pushgateway's base URL and credentials.</param>
    /// <param name="handler">An HTTP handler to use instead of the network stack (tests), or null.</param>
    public PushgatewayPusher(NodeEndpoint gateway, HttpMessageHandler? handler = null)
    {
        ArgumentNullException.ThrowIfNull(gateway);
        _gateway = gateway;
        _handler = handler;
    }

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
            var body = Encoding.UTF8.GetBytes(TextExposition.Render(ValidationMetrics.Collect(report)));
            // A redirect is a failed push: HttpClient would re-send a PUT answered 303 as a GET and call that a success.
            using var http = _handler is null ? new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false }) : new HttpClient(_handler, disposeHandler: false);
            http.Timeout = Timeout;
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
                    $"{OutsideText.OneLine(Snippet(await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false)))}";
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return $"the Pushgateway at {_gateway.Display} could not be reached ({ex.Message})";
        }
    }

    private static string Base64Url(string value) =>
        value.Length == 0 ? "=" : Convert.ToBase64String(Encoding.UTF8.GetBytes(value)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static string Snippet(string text) => text.Length > 200 ? text[..200] + "..." : text;
}
