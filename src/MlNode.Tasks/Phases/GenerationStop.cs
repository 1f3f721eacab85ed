using System.Globalization;
using MlNode.Tasks.Common;
using MlNode.Tasks.Reports;

namespace MlNode.Tasks.Phases;

/// <summary>
/// Stopping PoC generation: what this run started (always, on every exit path, and confirmed by /pow/status) and
/// what is found running before a phase needs the replicas to itself. Every stop is bounded by --stop-timeout, the
/// request and its confirmation together, and is confirmed by status rather than by the stop's own reply: a gateway
/// may lose the reply of a stop the node carried out.
/// </summary>
internal static class GenerationStop
{
    /// <summary>
    /// Before a phase that needs the replicas to itself: stops PoC generation that is running on the node, and says
    /// whose it is. Generation this run started and could not confirm stopped is its own, still winding down;
    /// anything else was started by another client (or by an earlier run that was killed) and is said to be so.
    /// A stop that cannot be confirmed is a warning: the phase still runs, only slower.
    /// </summary>
    /// <param name="context">The phase's context.</param>
    /// <param name="ownUnconfirmed">True when this run started generation and its stop was not confirmed.</param>
    public static async Task StopLeftoverGenerationAsync(PhaseContext context, bool ownUnconfirmed = false)
    {
        ArgumentNullException.ThrowIfNull(context);
        var status = await context.Client.GetPowStatusAsync(context.Interrupt).ConfigureAwait(false);
        if (status.IsQuiet)
        {
            return;
        }

        context.Log.Warning(ownUnconfirmed
            ? $"PoC generation this run started is still reported {status.Status} (its stop was not confirmed); stopping it again before this phase"
            : $"PoC generation is running on the node (agg_status {status.Status}) that this run did not start: another client is using this node, " +
                $"or an earlier run was killed; stopping it before this phase");
        var stop = await StopAndConfirmAsync(context).ConfigureAwait(false);
        if (!stop.Confirmed)
        {
            context.Log.Warning($"{stop.Problem}; this phase runs anyway but may be slower; stop it by hand with POST /api/v1/inference/pow/stop");
        }
    }

    /// <summary>
    /// Stops the generation this run started and confirms it. Runs on success, error, timeout and interrupt alike, so
    /// it uses its own time limit, never the run's (possibly cancelled) token, and never throws: a failed stop is a
    /// warning next to the original outcome.
    /// </summary>
    public static async Task StopAsync(PhaseContext context, ThroughputSection section)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(section);
        context.Log.Line("  stopping generation...");
        var stop = await StopAndConfirmAsync(context).ConfigureAwait(false);
        section.GenerationStopped = stop.Sent;
        section.StopConfirmed = stop.Confirmed;
        section.StopConfirmSeconds = stop.Seconds;
        if (stop.Confirmed)
        {
            context.Log.Line(string.Create(CultureInfo.InvariantCulture, $"  generation stopped (confirmed by /pow/status after {stop.Seconds:0.0}s)"));
        }
        else
        {
            context.Log.Warning($"{stop.Problem}; stop it by hand with POST /api/v1/inference/pow/stop");
        }
    }

    // POST /pow/stop, then /pow/status until every backend is quiet, all within --stop-timeout. A stop whose reply
    // was lost still counts when the status shows it took effect.
    private static async Task<StopResult> StopAndConfirmAsync(PhaseContext context)
    {
        var limit = context.Target.Timing.StopTimeout.Value;
        using var window = new CancellationTokenSource(limit, context.Time);
        var started = context.Time.GetTimestamp();
        string? stopFailure = null;
        var unanswered = false;
        var sent = false;

        // Stop is idempotent: it is sent again while the status says generation goes on and no stop was answered.
        async Task SendStopAsync()
        {
            try
            {
                await context.Client.StopPowAsync(window.Token).ConfigureAwait(false);
                sent = true;
                unanswered = false;
            }
            catch (Exception ex) when (ex is MlNodeException or OperationCanceledException)
            {
                unanswered = ex is OperationCanceledException;
                stopFailure = unanswered ? "no answer" : ex.Message;
            }
        }

        while (!window.IsCancellationRequested)
        {
            try
            {
                if (!sent)
                {
                    await SendStopAsync().ConfigureAwait(false);
                }

                var status = await context.Client.GetPowStatusAsync(window.Token).ConfigureAwait(false);
                if (status.IsQuiet)
                {
                    if (stopFailure is not null)
                    {
                        context.Log.Line($"  the stop request failed ({stopFailure}), but /pow/status shows every backend quiet: generation is stopped");
                    }

                    return new StopResult(true, true, context.Time.GetElapsedTime(started).TotalSeconds, null);
                }
            }
            catch (Exception ex) when (ex is MlNodeException or OperationCanceledException)
            {
                stopFailure ??= ex is OperationCanceledException ? null : ex.Message;
            }

            try
            {
                await Task.Delay(context.Polling.Next(context.Time.GetElapsedTime(started)), context.Time, window.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // The window closed: reported below.
            }
        }

        var problem = unanswered ? $"POST /api/v1/inference/pow/stop got no answer within --stop-timeout ({Durations.Limit(limit)})"
            : stopFailure is null ? $"generation is still reported GENERATING {Durations.Limit(limit)} after the stop (--stop-timeout)"
            : $"could not confirm within --stop-timeout ({Durations.Limit(limit)}) that PoC generation stopped: {stopFailure}";
        return new StopResult(sent, false, null, problem);
    }

    private sealed record StopResult(bool Sent, bool Confirmed, double? Seconds, string? Problem);
}
