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

    /// <summary>Gets whether a failed call is the node refusing decode (a 422 or 400 to a decode request).</summary>
    public static bool Is(MlNodeCallException exception) =>
        exception?.Status is HttpStatusCode.UnprocessableEntity or HttpStatusCode.BadRequest;

    /// <summary>The error for a call the node refused.</summary>
    public static PhaseFailedException From(MlNodeCallException exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        return new PhaseFailedException($"{Words}: {exception.Message}; {Fix}");
    }

    /// <summary>The error for a reply that lacks what decode answers with.</summary>
    public static PhaseFailedException Missing(string what) => new($"{Words}: its validation reply has no {what}; {Fix}");
}
