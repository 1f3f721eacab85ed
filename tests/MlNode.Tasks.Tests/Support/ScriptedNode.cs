using System.Net;
using System.Text;
using Newtonsoft.Json.Linq;

namespace MlNode.Tasks.Tests.Support;

/// <summary>
/// An <see cref="HttpMessageHandler"/> that answers each API path with a scripted reply: for node behaviour the
/// simulator does not offer (a confused node that loses or repeats nonces). Records what it received.
/// </summary>
internal sealed class ScriptedNode : HttpMessageHandler
{
    private readonly Dictionary<string, Queue<Func<JObject?, (HttpStatusCode, JToken)>>> _replies = [];

    public List<(string Path, JObject? Body)> Received { get; } = [];

    public ScriptedNode On(string path, Func<JObject?, (HttpStatusCode, JToken)> reply)
    {
        if (!_replies.TryGetValue(path, out var queue))
        {
            _replies[path] = queue = new Queue<Func<JObject?, (HttpStatusCode, JToken)>>();
        }

        queue.Enqueue(reply);
        return this;
    }

    public ScriptedNode On(string path, JToken reply) => On(path, _ => (HttpStatusCode.OK, reply));

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var path = request.RequestUri!.AbsolutePath;
        var body = request.Content is null ? null : JObject.Parse(await request.Content.ReadAsStringAsync(cancellationToken));
        Received.Add((path, body));
        if (!_replies.TryGetValue(path, out var queue) || queue.Count == 0)
        {
            return new HttpResponseMessage(HttpStatusCode.NotFound) { Content = new StringContent("{\"detail\":\"Not Found\"}") };
        }

        // The last scripted reply for a path repeats.
        var reply = queue.Count > 1 ? queue.Dequeue() : queue.Peek();
        var (status, json) = reply(body);
        return new HttpResponseMessage(status) { Content = new StringContent(json.ToString(), Encoding.UTF8, "application/json") };
    }
}
