using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace MlNode.Simulator.Http;

/// <summary>JSON answers in the node's shapes (FastAPI: errors are <c>{"detail": ...}</c>).</summary>
internal static class Json
{
    /// <summary>An answer with a JSON body.</summary>
    public static IResult Result(int status, JToken body) =>
        Results.Content(body.ToString(Formatting.None), "application/json", System.Text.Encoding.UTF8, status);

    /// <summary>200 with a body.</summary>
    public static IResult Ok(JToken body) => Result(StatusCodes.Status200OK, body);

    /// <summary>An HTTPException answer: <c>{"detail": text}</c>.</summary>
    public static IResult Detail(int status, string detail) => Result(status, new JObject { ["detail"] = detail });
}
