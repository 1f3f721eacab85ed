using System.Net;
using MlNode.Tasks.Client;
using MlNode.Tasks.Common;

namespace MlNode.Tasks.Phases;

/// <summary>
/// A node that does not speak decode PoC (decode-poc.md): a prefill-only proxy answers 422 to <c>params.decode</c>, a
/// plugin before decode answers 400 for the missing k_points_steps, and a reply may come back without per_nonce. Each is
/// one error saying so, never a verdict.
/// </summary>
internal static class DecodeRefusal
{
    /// <summary>The words every such error starts with.</summary>
    public const string Words = "this MLNode does not accept decode PoC";

    private const string Fix = "upgrade its MLNode API proxy and PoC plugin to a decode-capable release (gonka-poc 0.2.0 or later), or validate it under a prefill reference";

    /// <summary>
    /// Gets whether a failed call is the node refusing decode: a 422 that names a decode field (a strict params model
    /// refusing <c>decode</c>, <c>max_tokens</c> or <c>scheme</c>), or a 400 about <c>k_points_steps</c>. Any other 4xx stays
    /// the call error it is.
    /// </summary>
    public static bool Is(MlNodeCallException exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        var said = exception.Body ?? exception.Message;
        return exception.Status switch
        {
            HttpStatusCode.UnprocessableEntity => DecodeFields.Any(f => said.Contains(f, StringComparison.Ordinal)),
            HttpStatusCode.BadRequest => said.Contains("k_points_steps", StringComparison.Ordinal),
            _ => false,
        };
    }

    // The fields a prefill-only params model does not know.
    private static readonly string[] DecodeFields = ["decode", "max_tokens", "scheme"];

    /// <summary>The error for a call the node refused.</summary>
    public static PhaseFailedException From(MlNodeCallException exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        return new PhaseFailedException($"{Words}: {exception.Message}; {Fix}");
    }

    /// <summary>The error for a reply that lacks what decode answers with.</summary>
    public static PhaseFailedException Missing(string what) => new($"{Words}: its validation reply has no {what}; {Fix}");
}
