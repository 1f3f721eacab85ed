using System.Net;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using Newtonsoft.Json.Serialization;

namespace MlNode.Tasks.Client;

/// <summary>
/// A JSON object the node answered, read as a typed wire model (<c>Client/Wire/</c>) that tolerates extra fields but
/// turns a missing or mistyped documented field into an error naming the endpoint and the field.
/// </summary>
internal sealed class NodeReply
{
    private static readonly JsonSerializer Serializer = JsonSerializer.Create(new JsonSerializerSettings
    {
        ContractResolver = new DefaultContractResolver { NamingStrategy = new SnakeCaseNamingStrategy() },
        DateParseHandling = DateParseHandling.None,
        MissingMemberHandling = MissingMemberHandling.Ignore,
    });

    /// <summary>Gets the serializer of the node's wire format (snake_case, unknown fields ignored).</summary>
    public static JsonSerializer Wire => Serializer;

    /// <summary>Creates a reply.</summary>
    public NodeReply(string endpoint, HttpStatusCode status, JObject body)
    {
        Endpoint = endpoint;
        Status = status;
        Body = body;
    }

    /// <summary>Gets the call that produced it.</summary>
    public string Endpoint { get; }

    /// <summary>Gets the HTTP status.</summary>
    public HttpStatusCode Status { get; }

    /// <summary>Gets the raw body.</summary>
    public JObject Body { get; }

    /// <summary>
    /// The body as its typed wire model. Extra fields are ignored; a documented field that is missing or of another
    /// type is an error naming the endpoint and the field, never a crash further on.
    /// </summary>
    /// <exception cref="MlNodeCallException">The body does not fit the model.</exception>
    public T As<T>()
        where T : class
    {
        try
        {
            return Body.ToObject<T>(Serializer) ?? throw Unexpected($"the body is empty (expected {typeof(T).Name})");
        }
        catch (JsonException ex)
        {
            var path = (ex as JsonSerializationException)?.Path ?? (ex as JsonReaderException)?.Path ?? string.Empty;
            throw Unexpected(ex.Message.StartsWith("Required property '", StringComparison.Ordinal)
                ? $"field '{ex.Message.Split('\'')[1]}' is missing"
                : $"field '{path}' has the wrong type ({Snippet(Body.SelectToken(path)?.ToString(Formatting.None) ?? "?")})");
        }
    }

    /// <summary>A required value of a typed reply, or an error naming the field.</summary>
    public T Required<T>(T? value, string field)
        where T : struct => value ?? throw Unexpected($"field '{field}' is missing");

    /// <summary>An error for a reply that contradicts the documented API.</summary>
    public MlNodeCallException Unexpected(string problem) =>
        new(Endpoint, $"answered HTTP {(int)Status} with an unexpected reply: {problem}; body: {Snippet(Body.ToString(Formatting.None))}", Status);

    /// <summary>Truncates body text for messages.</summary>
    public static string Snippet(string text) => text.Length <= 300 ? text : text[..300] + "…";
}
