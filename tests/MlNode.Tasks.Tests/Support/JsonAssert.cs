using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace MlNode.Tasks.Tests.Support;

/// <summary>Structural JSON equality with both documents in the failure message.</summary>
internal static class JsonAssert
{
    public static void Equal(JToken expected, JToken? actual) =>
        Assert.True(JToken.DeepEquals(expected, actual), $"expected {expected.ToString(Formatting.None)} but got {actual?.ToString(Formatting.None) ?? "null"}");
}
