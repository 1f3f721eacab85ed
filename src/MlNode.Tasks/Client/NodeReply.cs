using System.Net;
using Newtonsoft.Json.Linq;

namespace MlNode.Tasks.Client;

/// <summary>
/// A JSON object the node answered, with typed accessors that tolerate extra fields but turn a missing or
/// mistyped documented field into an error naming the endpoint and the field.
/// </summary>
public sealed class NodeReply
{
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

    /// <summary>A required boolean field.</summary>
    public bool Bool(string name) => OptionalBool(name) ?? throw Missing(name, "a boolean");

    /// <summary>An optional boolean field.</summary>
    public bool? OptionalBool(string name) => Optional(name, JTokenType.Boolean, "a boolean", t => (bool?)t.Value<bool>());

    /// <summary>A required string field.</summary>
    public string String(string name) => OptionalString(name) ?? throw Missing(name, "a string");

    /// <summary>An optional string field.</summary>
    public string? OptionalString(string name) => Optional(name, JTokenType.String, "a string", t => t.Value<string>());

    /// <summary>An optional number field.</summary>
    public double? OptionalNumber(string name) => Number(Body, name);

    /// <summary>A required integer field.</summary>
    public long Integer(string name) => OptionalInteger(name) ?? throw Missing(name, "an integer");

    /// <summary>An optional integer field.</summary>
    public long? OptionalInteger(string name) => Optional(name, JTokenType.Integer, "an integer", t => (long?)t.Value<long>());

    /// <summary>An optional list field.</summary>
    public JArray? OptionalArray(string name)
    {
        var token = Body[name];
        return token is null || token.Type == JTokenType.Null ? null
            : token as JArray ?? throw Mistyped(name, "a list", token);
    }

    /// <summary>Reads an optional number from any object of the reply (e.g. a nested <c>stats</c> block).</summary>
    public double? Number(JObject container, string name)
    {
        ArgumentNullException.ThrowIfNull(container);
        var token = container[name];
        return token is null || token.Type == JTokenType.Null ? null
            : token.Type is JTokenType.Float or JTokenType.Integer ? token.Value<double>()
            : throw Mistyped(name, "a number", token);
    }

    /// <summary>An error for a reply that contradicts the documented API.</summary>
    public MlNodeCallException Unexpected(string problem) =>
        new(Endpoint, $"answered HTTP {(int)Status} with an unexpected reply: {problem}; body: {Snippet(Body.ToString(Newtonsoft.Json.Formatting.None))}", Status);

    /// <summary>Truncates body text for messages.</summary>
    public static string Snippet(string text) => text.Length <= 300 ? text : text[..300] + "…";

    private T? Optional<T>(string name, JTokenType type, string description, Func<JToken, T?> read)
    {
        var token = Body[name];
        return token is null || token.Type == JTokenType.Null ? default
            : token.Type == type ? read(token)
            : throw Mistyped(name, description, token);
    }

    private MlNodeCallException Missing(string name, string type) => Unexpected($"field '{name}' ({type}) is missing");

    private MlNodeCallException Mistyped(string name, string type, JToken token) =>
        Unexpected($"field '{name}' should be {type} but is {token.Type.ToString().ToLowerInvariant()} {Snippet(token.ToString(Newtonsoft.Json.Formatting.None))}");
}
