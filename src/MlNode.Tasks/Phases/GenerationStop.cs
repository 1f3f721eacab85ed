using System.Globalization;
using MlNode.Tasks.Common;
using MlNode.Tasks.Reports;

namespace MlNode.Tasks.Phases;

/// <summary>
/// Stopping PoC generation: what this run started (always, on every exit path, and confirmed by /pow/status) and
/// what an earlier run left running before a phase needs the replicas to itself.
/// </summary>
public static class GenerationStop
{
    /// <summary>
    /// Before a phase that needs the replicas to itself: stops PoC generation that is running on the node, and says
    /// whose it is. Generation this run started and could not confirm stopped is its own, still winding down;
    /// anything else was started by another client (or by an earlier run that was killed) and is said to be so.
    /// </summary>
    /// <param name="context">The phase's context.</param>
    /// <param name="ownUnconfirmed">True when this run started generation and its stop was not confirmed.</param>
    public static async Task StopLeftoverGenerationAsync(PhaseContext context, bool ownUnconfirmed = false)
    {
        ArgumentNullException.ThrowIfNull(context);
        var status = await context.Client.GetPowStatusAsync(context.Interrupt).ConfigureAwait(false);
        if (!status.IsQuiet)
        {
            context.Log.Warning(ownUnconfirmed
                ? $"PoC generation this run started is still reported {status.Status} (its stop was not confirmed); stopping it again before this phase"
                : $"PoC generation is running on the node (agg_status {status.Status}) that this run did not start: another client is using this node, or an earlier run was killed; stopping it before this phase");
            await context.Client.StopPowAsync(context.Interrupt).ConfigureAwait(false);
            await ConfirmQuietAsync(context, context.Interrupt).ConfigureAwait(false);
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
        var limit = TimeSpan.FromSeconds(context.Target.Timing.StopTimeout.Value);
        using var stopWindow = new CancellationTokenSource(limit);
        context.Log.Line("  stopping generation...");
        try
        {
            await context.Client.StopPowAsync(stopWindow.Token).ConfigureAwait(false);
            section.GenerationStopped = true;
            var started = context.Time.GetTimestamp();
            section.StopConfirmed = await ConfirmQuietAsync(context, stopWindow.Token).ConfigureAwait(false);
            section.StopConfirmSeconds = context.Time.GetElapsedTime(started).TotalSeconds;
            if (section.StopConfirmed)
            {
                context.Log.Line(string.Create(CultureInfo.InvariantCulture, $"  generation stopped (confirmed by /pow/status after {section.StopConfirmSeconds:0.0}s)"));
            }
        }
        catch (Exception ex) when (ex is MlNodeException or OperationCanceledException)
        {
            context.Log.Warning($"could not confirm that PoC generation stopped ({ex.Message}); stop it by hand with POST /api/v1/inference/pow/stop");
        }
    }

    private static async Task<bool> ConfirmQuietAsync(PhaseContext context, CancellationToken token)
    {
        var started = context.Time.GetTimestamp();
        while (true)
        {
            var status = await context.Client.GetPowStatusAsync(token).ConfigureAwait(false);
            if (status.IsQuiet)
            {
                return true;
            }

            try
            {
                await Task.Delay(context.Polling.Next(context.Time.GetElapsedTime(started)), context.Time, token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                context.Log.Warning("generation is still reported GENERATING after the stop; validation proceeds but may run slower");
                return false;
            }
        }
    }
}
