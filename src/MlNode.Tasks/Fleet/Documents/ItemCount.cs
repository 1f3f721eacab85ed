using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace MlNode.Tasks.Fleet.Documents;

/// <summary>
/// Whether a JSON field is present and how many items it holds (array elements or object members), for fields
/// whose content the reader does not interpret. Absent and <c>null</c> are both not present and empty.
/// </summary>
/// <param name="Present">The field holds a value other than null.</param>
/// <param name="Count">Its items (1 for a scalar).</param>
[JsonConverter(typeof(ItemCountConverter))]
internal readonly record struct ItemCount(bool Present, int Count)
{
    /// <summary>Gets whether the field holds at least one item.</summary>
    public bool Any => Count > 0;
}

/// <summary>Reads any JSON value as an <see cref="ItemCount"/>.</summary>
internal sealed class ItemCountConverter : JsonConverter<ItemCount>
{
    /// <inheritdoc />
    public override ItemCount ReadJson(JsonReader reader, Type objectType, ItemCount existingValue, bool hasExistingValue, JsonSerializer serializer)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var token = JToken.ReadFrom(reader);
        return token switch
        {
            { Type: JTokenType.Null or JTokenType.Undefined } => default,
            JArray array => new ItemCount(true, array.Count),
            JObject obj => new ItemCount(true, obj.Count),
            _ => new ItemCount(true, 1),
        };
    }

    /// <inheritdoc />
    public override void WriteJson(JsonWriter writer, ItemCount value, JsonSerializer serializer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteValue(value.Count);
    }
}
