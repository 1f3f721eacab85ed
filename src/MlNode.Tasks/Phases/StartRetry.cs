using System.Globalization;
using MlNode.Tasks.Client;
using MlNode.Tasks.Common;

namespace MlNode.Tasks.Phases;

/// <summary>
/// The retry rule of the state-changing POSTs (<c>models/download</c>, <c>inference/up/async</c>): after an answer
/// that leaves it unknown whether the node acted, the caller first asks the node's status, and only when nothing
/// was started sends the request again — a checked retry, never a blind one.
/// </summary>
internal static class StartRetry
{
    /// <summary>How many times a start is sent at most.</summary>
    public const int MaxAttempts = 3;

    /// <summary>No answer at all, or a gateway/availability error: the node may or may not have acted.</summary>
    public static bool IsAmbiguous(MlNodeCallException exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        return exception.Status is null || TransientFaults.IsTransientStatus(exception.Status.Value);
    }

    /// <summary>Waits before the next attempt, or throws when the attempts or the deadline are used up.</summary>
    public static async Task WaitOrThrowAsync(PhaseContext context, Deadline deadline, int attempt, MlNodeCallException cause, string what)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(deadline);
        ArgumentNullException.ThrowIfNull(cause);
        if (attempt >= MaxAttempts || deadline.Expired)
        {
            throw new PhaseFailedException($"{what}: {cause.Message}", cause);
        }

        var wait = TimeSpan.FromSeconds(0.5 * attempt);
        context.Log.Line(string.Create(CultureInfo.InvariantCulture, $"  {cause.Endpoint}: {cause.Message.Replace(cause.Endpoint + " ", string.Empty, StringComparison.Ordinal)}; " +
            $"the node started nothing, sending it again in {wait.TotalSeconds:0.0}s ({attempt + 1}/{MaxAttempts})"));
        await deadline.DelayAsync(wait).ConfigureAwait(false);
    }
}
