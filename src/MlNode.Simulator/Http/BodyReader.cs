using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace MlNode.Simulator.Http;

/// <summary>
/// Validates a JSON body the way the real node's FastAPI/pydantic models do: every problem is collected as a
/// <c>{type, loc, msg, input}</c> entry and the request is answered 422 <c>{"detail": [...]}</c>. Types are
/// checked strictly (an integer must be a JSON integer).
/// </summary>
internal sealed class BodyReader
{
    private readonly List<JObject> _errors = [];

    private BodyReader(JObject body)
    {
        Body = body;
    }

    /// <summary>Gets the parsed body.</summary>
    public JObject Body { get; }

    /// <summary>Gets whether any problem was found.</summary>
    public bool HasErrors => _errors.Count > 0;

    /// <summary>Parses the request body: an invalid JSON document or a non-object is itself a 422.</summary>
    public static BodyReader? Parse(string text, out IResult? error)
    {
        try
        {
            using var reader = new JsonTextReader(new StringReader(text)) { DateParseHandling = DateParseHandling.None };
            if (JToken.ReadFrom(reader) is JObject body)
            {
                error = null;
                return new BodyReader(body);
            }

            error = Unprocessable(Error("model_attributes_type", ["body"], "Input should be a valid dictionary or object to extract fields from", null));
        }
        catch (JsonReaderException ex)
        {
            error = Unprocessable(Error("json_invalid", ["body", ex.LinePosition], "JSON decode error", null));
        }

        return null;
    }

    /// <summary>The 422 answer for the collected problems.</summary>
    public IResult Problems() => Unprocessable([.. _errors]);

    public string? String(JObject container, string[] path, string name, bool required = true, string? fallback = null) =>
        Read(container, path, name, required, JTokenType.String, "string_type", "Input should be a valid string", t => t.Value<string>(), fallback);

    public long? Integer(JObject container, string[] path, string name, bool required = true, long? fallback = null) =>
        Read(container, path, name, required, JTokenType.Integer, "int_type", "Input should be a valid integer", t => (long?)t.Value<long>(), fallback);

    public bool? Bool(JObject container, string[] path, string name, bool required = true, bool? fallback = null) =>
        Read(container, path, name, required, JTokenType.Boolean, "bool_type", "Input should be a valid boolean", t => (bool?)t.Value<bool>(), fallback);

    public double? Number(JObject container, string[] path, string name, bool required = true, double? fallback = null)
    {
        var token = container[name];
        if (token is null || token.Type == JTokenType.Null)
        {
            if (required)
            {
                Missing(path, name);
            }

            return fallback;
        }

        if (token.Type is not (JTokenType.Float or JTokenType.Integer))
        {
            _errors.Add(Error("float_type", [.. path, name], "Input should be a valid number", token));
            return fallback;
        }

        return token.Value<double>();
    }

    public JObject? Object(JObject container, string[] path, string name, bool required = true) =>
        Container<JObject>(container, path, name, required, "model_type", "Input should be a valid dictionary or instance of the model");

    public JArray? Array(JObject container, string[] path, string name, bool required = true) =>
        Container<JArray>(container, path, name, required, "list_type", "Input should be a valid list");

    /// <summary>pydantic's <c>extra = "forbid"</c>: any key outside <paramref name="allowed"/> is an error.</summary>
    public void ForbidExtra(JObject container, string[] path, params string[] allowed)
    {
        foreach (var property in container.Properties().Where(p => !allowed.Contains(p.Name, StringComparer.Ordinal)))
        {
            _errors.Add(Error("extra_forbidden", [.. path, property.Name], "Extra inputs are not permitted", property.Value));
        }
    }

    /// <summary>Adds a value error (e.g. a constraint on a number).</summary>
    public void Invalid(string[] path, string message, JToken? input) => _errors.Add(Error("value_error", path, message, input));

    private T? Read<T>(JObject container, string[] path, string name, bool required, JTokenType type, string errorType, string message, Func<JToken, T?> convert, T? fallback)
    {
        var token = container[name];
        if (token is null || token.Type == JTokenType.Null)
        {
            if (required)
            {
                Missing(path, name);
            }

            return fallback;
        }

        if (token.Type != type)
        {
            _errors.Add(Error(errorType, [.. path, name], message, token));
            return fallback;
        }

        return convert(token);
    }

    private T? Container<T>(JObject container, string[] path, string name, bool required, string errorType, string message)
        where T : JToken
    {
        var token = container[name];
        if (token is null || token.Type == JTokenType.Null)
        {
            if (required)
            {
                Missing(path, name);
            }

            return null;
        }

        if (token is not T value)
        {
            _errors.Add(Error(errorType, [.. path, name], message, token));
            return null;
        }

        return value;
    }

    private void Missing(string[] path, string name) => _errors.Add(Error("missing", [.. path, name], "Field required", null));

    private static JObject Error(string type, object[] loc, string message, JToken? input) => new()
    {
        ["type"] = type,
        ["loc"] = new JArray(loc),
        ["msg"] = message,
        ["input"] = input?.DeepClone(),
    };

    private static IResult Unprocessable(params JObject[] errors) =>
        Json.Result(StatusCodes.Status422UnprocessableEntity, new JObject { ["detail"] = new JArray(errors) });
}
