using System.Globalization;
using MlNode.Tasks.Client;
using MlNode.Tasks.Common;
using MlNode.Tasks.Configuration;
using MlNode.Tasks.References;
using MlNode.Tasks.Reports;

namespace MlNode.Tasks.Phases;

/// <summary>
/// [3/4] throughput: starts PoC generation on every replica, samples /pow/status over the measurement window
/// and reports the system rate (the sum over replicas) twice: from the rates the node reports, and exactly, from
/// its total_processed counters. Generation is always stopped again, whatever happens, and the stop is confirmed.
/// </summary>
public static class ThroughputPhase
{
    /// <summary>A replica below this share of the median replica is called out.</summary>
    public const double SlowReplicaShare = 0.5;

    /// <summary>Runs the phase.</summary>
    public static async Task RunAsync(PhaseContext context, ThroughputPlan plan, ThroughputSection section)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(section);
        var log = context.Log;
        await StopLeftoverGenerationAsync(context).ConfigureAwait(false);

        var body = PocRequests.InitGenerate(context.Target.Model, plan.Poc, plan.BatchSize);
        section.GenerationStarted = true; // from here on, whatever happens, /pow/stop is sent
        try
        {
            InitGenerateReply init;
            try
            {
                init = await context.Client.InitGenerateAsync(body, context.Interrupt).ConfigureAwait(false);
            }
            catch (MlNodeCallException ex) when (ex.Status == System.Net.HttpStatusCode.ServiceUnavailable)
            {
                throw NoBackends($"init/generate still answered 503 after {context.Target.Timing.InitRetries.Value} retries ({ex.Message})");
            }

            section.InitBackends = init.Backends;
            section.InitNGroups = init.NGroups;
            section.InitErrors = init.Errors;
            log.Line($"  init/generate -> backends={init.Backends} n_groups={init.NGroups}");
            foreach (var error in init.Errors)
            {
                log.Warning($"init/generate reported a backend error: {error}");
            }

            if (init.Backends == 0)
            {
                throw NoBackends("init/generate reported backends=0");
            }

            await MeasureAsync(context, plan.Sampling, section).ConfigureAwait(false);
        }
        finally
        {
            await StopAsync(context, section).ConfigureAwait(false);
        }
    }

    private static async Task MeasureAsync(PhaseContext context, SamplingSettings sampling, ThroughputSection section)
    {
        var warmup = TimeSpan.FromSeconds(sampling.WarmupSeconds.Value);
        if (warmup > TimeSpan.Zero)
        {
            context.Log.Line($"  warmup: {Durations.Limit(sampling.WarmupSeconds.Value)}");
            await Task.Delay(warmup, context.Time, context.Interrupt).ConfigureAwait(false);
        }

        var started = context.Time.GetTimestamp();
        section.WindowStart = await SampleAsync(context, started).ConfigureAwait(false);
        var measure = TimeSpan.FromSeconds(sampling.MeasureSeconds.Value);
        var interval = TimeSpan.FromSeconds(sampling.SampleInterval.Value);
        for (var next = interval; ; next += interval)
        {
            var at = next < measure ? next : measure;
            var wait = at - context.Time.GetElapsedTime(started);
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait, context.Time, context.Interrupt).ConfigureAwait(false);
            }

            var sample = await SampleAsync(context, started).ConfigureAwait(false);
            section.Samples.Add(sample);
            context.Log.Line(string.Create(
                CultureInfo.InvariantCulture,
                $"  [{sample.ElapsedSeconds,4:0}s] backends={sample.BackendCount} sum_rate={sample.SumNoncesPerSecond:0.00} n/s ({sample.SumNoncesPerSecond * 60:0} n/min) per_backend=[{string.Join(", ", sample.PerBackendNoncesPerSecond.Select(r => r.ToString("0.00", CultureInfo.InvariantCulture)))}]"));
            if (at >= measure)
            {
                break;
            }
        }

        var summary = Summarize(section.WindowStart, section.Samples);
        section.Summary = summary;
        var counter = summary.CounterRate is { } c ? string.Create(CultureInfo.InvariantCulture, $"{c:0.00} n/s ({c * 60:0} n/min) over {summary.WindowSeconds:0.0}s") : "n/a";
        context.Log.Line(string.Create(
            CultureInfo.InvariantCulture,
            $"  -> backends={summary.Backends} samples={summary.Samples} avg_sum={summary.AverageSum:0.00} n/s ({summary.AverageSum * 60:0} n/min) min/max={summary.MinimumSum:0.00}/{summary.MaximumSum:0.00}; from total_processed: {counter}"));
        foreach (var callout in summary.SlowReplicas)
        {
            context.Log.Warning(callout);
        }
    }

    /// <summary>Computes the summary of a measurement window; exposed for tests.</summary>
    public static ThroughputSummary Summarize(ThroughputSample? windowStart, IReadOnlyList<ThroughputSample> samples)
    {
        ArgumentNullException.ThrowIfNull(samples);
        if (samples.Count == 0)
        {
            return new ThroughputSummary(0, 0, 0, 0, 0, null, 0, [], []);
        }

        var sums = samples.Select(s => s.SumNoncesPerSecond).ToList();
        var last = samples[^1];
        var window = windowStart is null ? 0 : last.ElapsedSeconds - windowStart.ElapsedSeconds;
        var replicas = new List<ReplicaRate>();
        double? counterTotal = window > 0 ? 0 : null;
        for (var i = 0; i < last.BackendCount; i++)
        {
            var port = last.Ports[i];
            var reported = samples.Select(s => RateOf(s, port)).Where(r => r is not null).Select(r => r!.Value).ToList();
            double? counterRate = null;
            if (windowStart is not null && window > 0)
            {
                var startIndex = IndexOf(windowStart, port);
                if (startIndex >= 0 && last.PerBackendTotalProcessed[i] >= windowStart.PerBackendTotalProcessed[startIndex])
                {
                    counterRate = (last.PerBackendTotalProcessed[i] - windowStart.PerBackendTotalProcessed[startIndex]) / window;
                }
            }

            counterTotal = counterRate is null ? null : counterTotal + counterRate;
            replicas.Add(new ReplicaRate(port, reported.Count > 0 ? reported.Average() : 0, counterRate, last.PerBackendNoncesPerSecond[i]));
        }

        return new ThroughputSummary(last.BackendCount, samples.Count, sums.Average(), sums.Min(), sums.Max(), counterTotal, window, replicas, SlowReplicas(replicas));
    }

    private static List<string> SlowReplicas(IReadOnlyList<ReplicaRate> replicas)
    {
        if (replicas.Count < 2)
        {
            return [];
        }

        var ordered = replicas.Select(r => r.Rate).Order().ToList();
        var median = ordered.Count % 2 == 1 ? ordered[ordered.Count / 2] : (ordered[(ordered.Count / 2) - 1] + ordered[ordered.Count / 2]) / 2;
        return replicas
            .Where(r => median > 0 && r.Rate < SlowReplicaShare * median)
            .Select(r => string.Create(
                CultureInfo.InvariantCulture,
                $"slow replica: backend port {r.Label()} runs at {r.Rate:0.00} n/s, {r.Rate / median:0%} of the median replica ({median:0.00} n/s); check that replica's GPUs"))
            .ToList();
    }

    private static string Label(this ReplicaRate replica) => replica.Port?.ToString(CultureInfo.InvariantCulture) ?? "?";

    private static int IndexOf(ThroughputSample sample, int? port)
    {
        for (var i = 0; i < sample.BackendCount; i++)
        {
            if (sample.Ports[i] == port)
            {
                return i;
            }
        }

        return -1;
    }

    private static double? RateOf(ThroughputSample sample, int? port) => IndexOf(sample, port) is var i && i >= 0 ? sample.PerBackendNoncesPerSecond[i] : null;

    private static async Task<ThroughputSample> SampleAsync(PhaseContext context, long started)
    {
        var status = await context.Client.GetPowStatusAsync(context.Interrupt).ConfigureAwait(false);
        var elapsed = context.Time.GetElapsedTime(started).TotalSeconds;
        if (status.Status == "NO_BACKENDS" || status.Backends.Count == 0)
        {
            throw NoBackends($"/pow/status reported backends={status.Backends.Count}, agg_status: {status.Status}");
        }

        return new ThroughputSample(
            elapsed,
            status.Status,
            status.Backends.Select(b => b.Port).ToList(),
            status.Backends.Select(b => b.NoncesPerSecond ?? 0).ToList(),
            status.Backends.Select(b => b.TotalProcessed ?? 0).ToList(),
            status.Backends.Select(b => b.Status).ToList());
    }

    private static PhaseFailedException NoBackends(string what) =>
        new($"throughput: {what} -- the proxy has no healthy vLLM backend; the deploy probably crashed, check the MLNode container logs");

    /// <summary>
    /// Stops PoC generation left running on the node (by a run that was killed, say) before a phase that needs the
    /// replicas to itself; warns when it does.
    /// </summary>
    public static async Task StopLeftoverGenerationAsync(PhaseContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var status = await context.Client.GetPowStatusAsync(context.Interrupt).ConfigureAwait(false);
        if (!status.IsQuiet)
        {
            context.Log.Warning("PoC generation was already running on the node (left over from an earlier run?); stopping it before measuring");
            await context.Client.StopPowAsync(context.Interrupt).ConfigureAwait(false);
            await ConfirmQuietAsync(context, context.Interrupt).ConfigureAwait(false);
        }
    }

    // Runs on success, error, timeout and interrupt alike, so it uses its own time limit, never the run's
    // (possibly cancelled) token, and never throws: a failed stop is a warning next to the original outcome.
    private static async Task StopAsync(PhaseContext context, ThroughputSection section)
    {
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

/// <summary>What the throughput phase measures with.</summary>
/// <param name="Poc">The PoC parameters (from the reference).</param>
/// <param name="BatchSize">batch_size for init/generate.</param>
/// <param name="Sampling">Warm-up, window and interval.</param>
public sealed record ThroughputPlan(PocParameters Poc, int BatchSize, SamplingSettings Sampling);
