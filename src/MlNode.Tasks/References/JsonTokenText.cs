using System.Globalization;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace MlNode.Tasks.References;

/// <summary>How a reference's problems name the values they found: "the string '12'", "null", "a list".</summary>
internal static class JsonTokenText
{
    public static string Describe(JToken? token) => token switch
    {
        null => "nothing",
        { Type: JTokenType.Null } => "null",
        { Type: JTokenType.String } => $"the string '{Truncate(token.ToString())}'",
        { Type: JTokenType.Object } => "an object",
        { Type: JTokenType.Array } => "a list",
        _ => $"{token.Type.ToString().ToLowerInvariant()} {token.ToString(Formatting.None)}",
    };

    public static string Number(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    private static string Truncate(string text) => text.Length <= 40 ? text : text[..37] + "...";
}
