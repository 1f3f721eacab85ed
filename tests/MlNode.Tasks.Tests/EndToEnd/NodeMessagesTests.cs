using System.Net;
using System.Text;
using MlNode.Tasks.Client;
using MlNode.Tasks.Common;
using MlNode.Tasks.Tests.Support;

namespace MlNode.Tasks.Tests.EndToEnd;

/// <summary>Mistakes users make against real nodes, each answered with what to do.</summary>
[Trait("Category", "Integration")]
public sealed class NodeMessagesTests
{
    [Fact]
    public async Task Run_NodeThatWantsCredentials_NamesMlNodeAuthorization()
    {
        // Given: a node that requires an Authorization header, and none given
        await using var harness = await RunHarness.StartAsync(RunHarness.FastSimulator with { RequireAuthorization = "Bearer right" });
        harness.WriteReference();

        // When
        var result = await harness.RunAsync();

        // Then
        Assert.Equal(ExitCodes.Error, result.ExitCode);
        Assert.Contains("failed: HTTP 401", result.Outcome.Error);
        Assert.Contains("the node wants credentials: set MLNODE_AUTHORIZATION='Bearer <token>' (or put user:password@ in --mlnode-url)", result.Outcome.Error);
    }

    [Fact]
    public async Task Call_ProxysHtmlErrorPage_IsShownByItsTitleNotItsMarkup()
    {
        // Given: an nginx in front of the node that answers 400 with its HTML page (as an mTLS proxy does without a client certificate)
        const string Page = "<html>\r\n<head><title>400 No required SSL certificate was sent</title></head>\r\n<body><center><h1>400 Bad Request</h1></center><hr><center>nginx</center></body></html>";
        var redactor = new SecretRedactor();
        using var client = new MlNodeClient(NodeEndpoint.Parse("https://127.0.0.1:9", null, redactor), new ResiliencePipelines(TimeSpan.FromSeconds(5), 0, TimeSpan.Zero, _ => { }), redactor, handler: new Answer(HttpStatusCode.BadRequest, Page));

        // When
        var error = await Assert.ThrowsAsync<MlNodeCallException>(() => client.GetInferenceStatusAsync(CancellationToken.None));

        // Then
        Assert.Equal("GET /api/v1/inference/up/status failed: HTTP 400 400 No required SSL certificate was sent (an HTML page: a proxy or web server answered, not the MLNode API)" +
            "; the node requires a client certificate: pass --client-cert and --client-key (gonka mTLS: the Network Node's dapi.crt and dapi.key)", error.Message);
    }

    private sealed class Answer(HttpStatusCode status, string html) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            Task.FromResult(new HttpResponseMessage(status) { Content = new StringContent(html, Encoding.UTF8, "text/html") });
    }
}
