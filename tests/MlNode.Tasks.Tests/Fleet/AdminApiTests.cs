using System.Net;
using MlNode.Tasks.Client;
using MlNode.Tasks.Common;
using MlNode.Tasks.Fleet;

namespace MlNode.Tasks.Tests.Fleet;

public sealed class AdminApiTests
{
    [Fact]
    public async Task ReadAsync_ReplyOverTheSizeCap_OneClearErrorReadOnce()
    {
        // Given: an "Admin API" that answers its node list with far more than any Network Node sends
        var handler = new HugeReply(AdminApi.MaxReplyBytes + 1024);
        var redactor = new SecretRedactor();
        using var api = new AdminApi(NodeEndpoint.Parse("http://127.0.0.1:9200", null, redactor), new ResiliencePipelines(TimeSpan.FromSeconds(30), 0, TimeSpan.Zero, _ => { }), redactor, handler);

        // When
        var error = await Assert.ThrowsAsync<InputException>(() => api.ReadAsync(null, CancellationToken.None));

        // Then: what is wrong, and the reply was not fetched again and again
        Assert.Contains("answered GET /admin/v1/nodes with more than 16 MiB, which no Network Node's Admin API sends; check --admin-api", error.Message);
        Assert.Equal(1, handler.Calls);
    }

    private sealed class HugeReply(long bytes) : HttpMessageHandler
    {
        public int Calls { get; private set; }

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Calls++;
            return Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK) { Content = new StreamContent(new MemoryStream(new byte[checked((int)bytes)])) });
        }
    }
}
