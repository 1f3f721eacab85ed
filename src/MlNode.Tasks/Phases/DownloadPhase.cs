using System.Globalization;
using MlNode.Tasks.Client;
using MlNode.Tasks.Common;
using MlNode.Tasks.Reports;
using Newtonsoft.Json;

namespace MlNode.Tasks.Phases;

/// <summary>
/// [1/4] download: makes sure the model is cached on the node. Asks for the status, requests the download if
/// needed, then polls until DOWNLOADED; fails on IGNORED (offline node), on a flip back to NOT_FOUND, on a
/// download that ends PARTIAL, and at the download timeout.
/// </summary>
internal static class DownloadPhase
{
    /// <summary>A NOT_FOUND seen this long after the download was requested means it failed (the reference client's grace).</summary>
    public static readonly TimeSpan NotFoundGrace = TimeSpan.FromSeconds(30);

    /// <summary>Runs the phase, recording what happened in <paramref name="section"/> as it goes.</summary>
    public static async Task RunAsync(PhaseContext context, DownloadSection section)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(section);
        var model = context.Target.Model;
        var log = context.Log;
        var timeout = context.Target.Timing.DownloadTimeout.Value;
        using var deadline = new Deadline(timeout, context.Interrupt, context.Time);
        try
        {
            var initial = await context.Client.GetModelStatusAsync(model, deadline.Token).ConfigureAwait(false);
            section.Polls++;
            section.LastStatus = initial.Raw;
            if (initial.Status == "DOWNLOADED")
            {
                section.Action = "already_downloaded";
                return;
            }

            log.Line($"  initial status: {initial.Status} -- requesting download");
            var started = await RequestDownloadAsync(context, deadline, section).ConfigureAwait(false);
            if (started is { } verified)
            {
                section.Action = "verified";
                section.LastStatus = verified.Raw;
                return;
            }

            await PollUntilDownloadedAsync(context, deadline, section).ConfigureAwait(false);
            section.Action = "downloaded";
        }
        catch (OperationCanceledException ex) when (deadline.IsTimeout(ex))
        {
            throw TimedOut(timeout, section);
        }
        finally
        {
            section.ElapsedSeconds = deadline.Elapsed.TotalSeconds;
        }
    }

    // Returns the reply when the node says the model is already there; null when a download is under way.
    private static async Task<DownloadReply?> RequestDownloadAsync(PhaseContext context, Deadline deadline, DownloadSection section)
    {
        var model = context.Target.Model;
        for (var attempt = 1; ; attempt++)
        {
            DownloadReply reply;
            try
            {
                reply = await context.Client.StartDownloadAsync(model, deadline.Token).ConfigureAwait(false);
            }
            catch (MlNodeCallException ex) when ((int?)ex.Status == 429)
            {
                // Refused, not processed (the node allows three concurrent downloads): safe to ask again later.
                var wait = context.Polling.Next(deadline.Elapsed) * 4;
                context.Log.Line($"  node busy (429: too many concurrent downloads); asking again in {Durations.Limit(Math.Round(wait.TotalSeconds, 1))}");
                await deadline.DelayAsync(wait).ConfigureAwait(false);
                if (deadline.Expired)
                {
                    throw TimedOut(context.Target.Timing.DownloadTimeout.Value, section);
                }

                continue;
            }
            catch (MlNodeCallException ex) when (StartRetry.IsAmbiguous(ex))
            {
                // The request may or may not have reached the node: look before asking again.
                var status = await context.Client.GetModelStatusAsync(model, deadline.Token).ConfigureAwait(false);
                section.Polls++;
                section.LastStatus = status.Raw;
                if (status.Status is "DOWNLOADING" or "DOWNLOADED")
                {
                    context.Log.Line($"  the download request failed ({ex.Message}) but the node reports {status.Status}; continuing");
                    return status.Status == "DOWNLOADED" ? new DownloadReply(200, status.Status, status.Raw) : null;
                }

                await StartRetry.WaitOrThrowAsync(context, deadline, attempt, ex, "model download could not be requested").ConfigureAwait(false);
                continue;
            }

            if (reply.HttpStatus == 409)
            {
                context.Log.Line("  download already in progress on the node (409); waiting for it");
                return null;
            }

            return reply.Status switch
            {
                "DOWNLOADED" => reply,
                "IGNORED" => throw new PhaseFailedException(
                    $"model download failed (the node answered IGNORED: it runs offline with HF_HUB_OFFLINE and will never download '{model}'); " +
                    "pre-load the model into the node's cache, or pass --skip-download if it is already cached"),
                _ => null,
            };
        }
    }

    private static async Task PollUntilDownloadedAsync(PhaseContext context, Deadline deadline, DownloadSection section)
    {
        var model = context.Target.Model;
        var sawDownloading = false;
        var lastProgress = TimeSpan.Zero;
        await StatusPolling.UntilAsync(
            context,
            deadline,
            token => context.Client.GetModelStatusAsync(model, token),
            status => status.Status == "DOWNLOADED",
            status =>
            {
                section.Polls++;
                section.LastStatus = status.Raw;
                switch (status.Status)
                {
                    case "DOWNLOADING":
                        sawDownloading = true;
                        break;
                    case "NOT_FOUND" when sawDownloading || deadline.Elapsed > NotFoundGrace:
                        throw new PhaseFailedException(
                            $"model download failed (status went to NOT_FOUND): {Describe(status)}; likely HF rate limiting, no internet on the node, or a wrong hf_repo");
                    case "PARTIAL" when sawDownloading:
                        throw new PhaseFailedException(
                            $"model download failed (status went to PARTIAL: the download stopped incomplete): {Describe(status)}");
                }

                if (status.Status != "DOWNLOADED" && deadline.Elapsed - lastProgress >= context.ProgressInterval)
                {
                    lastProgress = deadline.Elapsed;
                    var server = status.ServerElapsedSeconds is { } s ? string.Create(CultureInfo.InvariantCulture, $"{s:0.0}s") : "n/a";
                    context.Log.Line(string.Create(CultureInfo.InvariantCulture, $"  [{deadline.Elapsed.TotalSeconds,4:0}s] {status.Status} (server elapsed: {server})"));
                }
            },
            () => TimedOut(context.Target.Timing.DownloadTimeout.Value, section),
            waitFirst: true).ConfigureAwait(false);
    }

    private static PhaseFailedException TimedOut(TimeSpan timeout, DownloadSection section) =>
        new($"model download did not complete in {Durations.Limit(timeout)}; last status: {section.LastStatus?.ToString(Formatting.None) ?? "none"}");

    private static string Describe(ModelStatusReply status) =>
        status.ErrorMessage is { Length: > 0 } error ? $"{error} (last status: {status.Raw.ToString(Formatting.None)})" : status.Raw.ToString(Formatting.None);
}
