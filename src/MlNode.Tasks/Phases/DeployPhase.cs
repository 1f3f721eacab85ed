using System.Globalization;
using MlNode.Tasks.Client;
using MlNode.Tasks.Common;
using MlNode.Tasks.Reports;
using Newtonsoft.Json;

namespace MlNode.Tasks.Phases;

/// <summary>
/// [2/4] deploy: starts vLLM with the deploy args (the node config's, else the reference's) unless it already runs, then waits for
/// <c>is_running</c>. A vLLM that was already running is left alone and the report says the args were not applied.
/// </summary>
internal static class DeployPhase
{
    /// <summary>Runs the phase.</summary>
    public static async Task RunAsync(PhaseContext context, DeploySection section)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(section);
        var settings = context.Target;
        section.Dtype = settings.Deploy.Dtype.Value;
        section.AdditionalArgs = settings.Deploy.AdditionalArgs;
        var timeout = settings.Timing.DeployTimeout.Value;
        using var deadline = new Deadline(timeout, context.Interrupt, context.Time);
        try
        {
            var status = await context.Client.GetInferenceStatusAsync(deadline.Token).ConfigureAwait(false);
            section.Polls++;
            section.Status = status.Raw;
            if (status.IsRunning && context.Deployed?.Matches(settings.Node, settings.Model, settings.Deploy) == true)
            {
                section.Action = "reused";
                section.Applied = true;
                context.Log.Line("  vLLM already runs this exact deploy config (deployed earlier in this invocation); reusing it");
                return;
            }

            if (status.IsRunning && context.Deployed?.HasDeployed(settings.Node) == true)
            {
                // This invocation deployed another config for an earlier reference: this one needs its own.
                context.Log.Line("  vLLM runs the deploy config of an earlier reference; taking it down to deploy this one");
                await TakeDownAsync(context, deadline, section).ConfigureAwait(false);
                status = await context.Client.GetInferenceStatusAsync(deadline.Token).ConfigureAwait(false);
            }

            if (status.IsRunning && settings.Deploy.RedeployReason is { } reason)
            {
                // Its args cannot be read back, so only a deployment this run made is known to carry the args judged.
                context.Log.Line($"  vLLM is already running with args this run did not set; {reason}: taking it down to deploy the resolved args");
                await TakeDownAsync(context, deadline, section).ConfigureAwait(false);
                status = await context.Client.GetInferenceStatusAsync(deadline.Token).ConfigureAwait(false);
            }

            if (status.IsRunning)
            {
                RejectOtherModel(status, settings.Model);
                section.Action = "already_running";
                section.Applied = false;
                context.Log.Warning("vLLM was already running; the deploy config above was NOT applied to it, so the verdict is about the running deployment (--redeploy deploys these args)");
                return;
            }

            if (status.IsStarting)
            {
                context.Log.Line("  vLLM startup already in progress; waiting for it");
            }
            else
            {
                await StartAsync(context, deadline, section).ConfigureAwait(false);
            }

            await WaitUntilRunningAsync(context, deadline, section).ConfigureAwait(false);
            section.Action = section.Action == "redeployed" ? "redeployed" : "deployed";
            section.Applied = true;
            context.Deployed?.Record(settings.Node, settings.Model, settings.Deploy);
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

    /// <summary>
    /// When deploy did not run (--skip-deploy, or --exclusive on a later task), checks that vLLM is serving
    /// before a phase relies on it, and aborts with a clear error otherwise.
    /// </summary>
    public static async Task EnsureRunningAsync(PhaseContext context, DeploySection section, string why)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(section);
        var status = await context.Client.GetInferenceStatusAsync(context.Interrupt).ConfigureAwait(false);
        section.Status = status.Raw;
        section.VerifiedRunning = status.IsRunning;
        if (!status.IsRunning)
        {
            throw new PhaseFailedException(
                $"vLLM is not running on the node and deploy was skipped ({why}): {status.Raw.ToString(Formatting.None)}; " +
                "run without the skip (or include the Deploy task) so the model is deployed first");
        }

        RejectOtherModel(status, context.Target.Model);

        context.Log.Line($"  vLLM is running (deploy skipped: {why}); the deploy config was NOT applied by this run");
    }

    // An honest node serving other weights computes other vectors: validating would report fraud, baking would
    // write a worthless reference. The tool never takes down a vLLM it did not start, so it stops and says how.
    private static void RejectOtherModel(InferenceStatus status, ModelId model)
    {
        if (status.ServedModel is { } served && !string.Equals(served, model.Value, StringComparison.OrdinalIgnoreCase))
        {
            throw new PhaseFailedException(
                $"vLLM on the node is already serving '{served}', not '{model.Value}'; its vectors cannot match this reference. " +
                $"Stop it (POST /api/v1/inference/down) and run again so the deploy phase starts {model.Value}, or pass --model={served} with that model's reference");
        }
    }

    private static async Task TakeDownAsync(PhaseContext context, Deadline deadline, DeploySection section)
    {
        await context.Client.StopInferenceAsync(deadline.Token).ConfigureAwait(false);
        context.Deployed?.Clear(context.Target.Node);
        section.Action = "redeployed";
        await StatusPolling.UntilAsync(
            context,
            deadline,
            context.Client.GetInferenceStatusAsync,
            status => !status.IsRunning && !status.IsStarting,
            _ => section.Polls++,
            () => TimedOut(context.Target.Timing.DeployTimeout.Value, section),
            waitFirst: false).ConfigureAwait(false);
    }

    private static async Task StartAsync(PhaseContext context, Deadline deadline, DeploySection section)
    {
        var settings = context.Target;
        for (var attempt = 1; ; attempt++)
        {
            NodeReply reply;
            try
            {
                reply = await context.Client.StartInferenceAsync(settings.Model, settings.Deploy.Dtype.Value, settings.Deploy.AdditionalArgs, deadline.Token).ConfigureAwait(false);
            }
            catch (MlNodeCallException ex) when (StartRetry.IsAmbiguous(ex))
            {
                // The start may or may not have reached the node; repeating it blindly could start vLLM twice.
                var status = await context.Client.GetInferenceStatusAsync(deadline.Token).ConfigureAwait(false);
                section.Polls++;
                section.Status = status.Raw;
                if (status.IsStarting || status.IsRunning)
                {
                    context.Log.Line($"  the start request failed ({ex.Message}) but the node reports vLLM {status.Status}; continuing");
                    return;
                }

                await StartRetry.WaitOrThrowAsync(context, deadline, attempt, ex, "vLLM startup could not be requested").ConfigureAwait(false);
                continue;
            }

            if (reply.Status == System.Net.HttpStatusCode.Conflict)
            {
                context.Log.Line($"  /inference/up/async answered 409 ({reply.Body["detail"] ?? reply.Body}); waiting for the running or starting vLLM");
            }

            return;
        }
    }

    // The node's own words (vLLM's exception line) rather than its JSON: the status object is kept in the report.
    private static string NodeError(Newtonsoft.Json.Linq.JObject status) =>
        status["error"] is { Type: Newtonsoft.Json.Linq.JTokenType.String } error && ((string?)error)?.Trim() is { Length: > 0 } text
            ? OutsideText.OneLine(text.Length > 500 ? text[..500] + "…" : text)
            : $"status {OutsideText.OneLine((string?)status["status"] ?? "failed")}, no error text";

    private static async Task WaitUntilRunningAsync(PhaseContext context, Deadline deadline, DeploySection section)
    {
        var lastProgress = TimeSpan.Zero;
        await StatusPolling.UntilAsync(
            context,
            deadline,
            context.Client.GetInferenceStatusAsync,
            status => status.IsRunning,
            status =>
            {
                section.Polls++;
                section.Status = status.Raw;
                if (!status.IsRunning && status.HasFailed)
                {
                    throw new PhaseFailedException(
                        $"vLLM startup failed: {NodeError(status.Raw)}; the deploy config likely does not fit the GPUs " +
                        "(OOM, FP8 on a GPU without it, wrong tensor-parallel size, kernel mismatch; the node's whole status is in the report) -- " +
                        "check the deploy args against the GPUs (--node-config deploys the server's own); not retried with other flags");
                }

                if (!status.IsRunning && deadline.Elapsed - lastProgress >= context.ProgressInterval)
                {
                    lastProgress = deadline.Elapsed;
                    var server = status.ElapsedSeconds is { } s ? string.Create(CultureInfo.InvariantCulture, $"{s:0.0}s") : "n/a";
                    context.Log.Line(string.Create(CultureInfo.InvariantCulture, $"  [{deadline.Elapsed.TotalSeconds,4:0}s] still starting: {status.Status ?? "?"} (server elapsed: {server})"));
                }
            },
            () => TimedOut(context.Target.Timing.DeployTimeout.Value, section),
            waitFirst: true).ConfigureAwait(false);
    }

    private static PhaseFailedException TimedOut(TimeSpan timeout, DeploySection section) =>
        new($"vLLM did not become ready within {Durations.Limit(timeout)}; last status: {section.Status?.ToString(Formatting.None) ?? "none"}");
}
