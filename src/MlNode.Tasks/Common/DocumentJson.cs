using Newtonsoft.Json;
using Newtonsoft.Json.Serialization;

namespace MlNode.Tasks.Common;

/// <summary>
/// How every JSON document of the tool is written and read: snake_case names from the typed models, nulls kept
/// (a reader sees every field the format has), indented, a trailing newline.
/// </summary>
internal static class DocumentJson
{
    /// <summary>Gets the serializer settings every document uses (and the JSON Schemas are generated with).</summary>
    public static JsonSerializerSettings Settings { get; } = new()
    {
        ContractResolver = new DefaultContractResolver { NamingStrategy = new SnakeCaseNamingStrategy() },
        NullValueHandling = NullValueHandling.Include,
        Formatting = Formatting.Indented,
        DateParseHandling = DateParseHandling.None,
        FloatParseHandling = FloatParseHandling.Double,
    };

    /// <summary>Serializes a document: indented, with a trailing newline.</summary>
    public static string Serialize(object document) => JsonConvert.SerializeObject(document, Settings) + Environment.NewLine;

    /// <summary>Reads a document written by <see cref="Serialize"/>.</summary>
    /// <exception cref="JsonException">Not a document of that type.</exception>
    public static T Deserialize<T>(string json) => JsonConvert.DeserializeObject<T>(json, Settings) ?? throw new JsonSerializationException($"the document is empty (expected {typeof(T).Name})");
}
