using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace MlNode.Tasks.Fleet.Documents;

/// <summary>
/// A model a launch plan leaves out. Network Node releases list either the model id alone or an object with the id
/// and a reason, so both are read.
/// </summary>
[JsonConverter(typeof(LaunchPlanExclusionConverter))]
internal sealed class LaunchPlanExclusion
{
    /// <summary>Gets the model's full id.</summary>
    public string? ModelId { get; init; }

    /// <summary>Gets why it is left out, when the Network Node says.</summary>
    public string? Reason { get; init; }
}

/// <summary>Reads a <see cref="LaunchPlanExclusion"/> from a string or an object (<c>model_id</c> or <c>model</c>, <c>reason</c>).</summary>
internal sealed class LaunchPlanExclusionConverter : JsonConverter<LaunchPlanExclusion>
{
    public override bool CanWrite => false;

    public override LaunchPlanExclusion? ReadJson(JsonReader reader, Type objectType, LaunchPlanExclusion? existingValue, bool hasExistingValue, JsonSerializer serializer)
    {
        var token = JToken.Load(reader);
        return token.Type switch
        {
            JTokenType.Null => null,
            JTokenType.String => new LaunchPlanExclusion { ModelId = token.Value<string>() },
            JTokenType.Object => new LaunchPlanExclusion
            {
                ModelId = Text(token["model_id"] ?? token["model"] ?? token["id"]),
                Reason = Text(token["reason"]),
            },
            _ => throw new JsonSerializationException($"a launch plan's excluded model must be a model id or an object with model_id, got {token.Type.ToString().ToLowerInvariant()}"),
        };
    }

    public override void WriteJson(JsonWriter writer, LaunchPlanExclusion? value, JsonSerializer serializer) => throw new NotSupportedException();

    private static string? Text(JToken? token) => token?.Type == JTokenType.String ? token.Value<string>() : token?.ToString(Formatting.None);
}
