using System.Net;
using MlNode.Tasks.Client;
using MlNode.Tasks.Phases;

namespace MlNode.Tasks.Tests.Phases;

/// <summary>Which failed calls mean "this MLNode does not accept decode PoC", and which stay the errors they are.</summary>
public sealed class DecodeRefusalTests
{
    private const string Endpoint = "POST /api/v1/inference/pow/generate";

    [Theory]
    [InlineData(HttpStatusCode.UnprocessableEntity, """{"detail":[{"type":"extra_forbidden","loc":["body","params","decode"],"msg":"Extra inputs are not permitted"}]}""", true)]
    [InlineData(HttpStatusCode.UnprocessableEntity, """{"detail":[{"type":"extra_forbidden","loc":["body","params","max_tokens"]}]}""", true)]
    [InlineData(HttpStatusCode.BadRequest, """{"detail":"decode validation needs k_points_steps on every artifact"}""", true)]
    [InlineData(HttpStatusCode.UnprocessableEntity, """{"detail":[{"type":"missing","loc":["body","public_key"]}]}""", false)]
    [InlineData(HttpStatusCode.BadRequest, """{"detail":"validation artifacts' nonces must equal nonces"}""", false)]
    [InlineData(HttpStatusCode.InternalServerError, """{"detail":"decode failed"}""", false)]
    public void Is_FailedCall_OnlyARefusalOfTheDecodeFieldsCounts(HttpStatusCode status, string body, bool expected)
    {
        // Given
        var failure = new MlNodeCallException(Endpoint, $"answered HTTP {(int)status}: {body}", status, body);

        // When / Then
        Assert.Equal(expected, DecodeRefusal.Is(failure));
    }

    [Fact]
    public void From_Refusal_IsOneLineNamingDecodeAndTheFix()
    {
        var failure = new MlNodeCallException(Endpoint, "answered HTTP 422: params.decode: Extra inputs are not permitted", HttpStatusCode.UnprocessableEntity);

        var error = DecodeRefusal.From(failure);

        Assert.StartsWith("this MLNode does not accept decode PoC: POST /api/v1/inference/pow/generate answered HTTP 422", error.Message, StringComparison.Ordinal);
        Assert.Contains("gonka-poc 0.2.0", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("\n", error.Message, StringComparison.Ordinal);
    }
}
