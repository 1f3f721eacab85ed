using System.Globalization;
using MlNode.Tasks.Client;
using MlNode.Tasks.Common;
using MlNode.Tasks.Configuration;
using MlNode.Tasks.PoC;
using MlNode.Tasks.Reports;

namespace MlNode.Tasks.Phases;

/// <summary>
/// [3/4] throughput: starts PoC generation on every replica, samples /pow/status over the measurement window
/// and reports the system rate (the sum over replicas) twice: from the rates the node reports, and exactly, from
/// its total_processed counters. Generation is always stopped again, whatever happens, and the stop is confirmed.
/// </summary>
internal static class ThroughputPhase
{
    /// <summary>Runs the phase.</summary>
    public static async Task RunAsync(PhaseContext context, ThroughputPlan plan, ThroughputSection section)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(section);
        var log = context.Log;
        await GenerationStop.StopLeftoverGenerationAsync(context).ConfigureAwait(false);

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
            catch (MlNodeCallException ex) when (plan.Poc.Scheme == PocScheme.Decode && DecodeRefusal.Is(ex))
            {
                throw DecodeRefusal.From(ex);
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
            await GenerationStop.StopAsync(context, section).ConfigureAwait(false);
        }

        // A Ctrl-C while generation was being stopped belongs to this phase: the next one must not start and take it.
        context.Interrupt.ThrowIfCancellationRequested();
    }

    private static async Task MeasureAsync(PhaseContext context, SamplingSettings sampling, ThroughputSection section)
    {
        var warmup = sampling.WarmupSeconds.Value;
        if (warmup > TimeSpan.Zero)
        {
            context.Log.Line($"  warmup: {Durations.Limit(warmup)}");
            await Task.Delay(warmup, context.Time, context.Interrupt).ConfigureAwait(false);
        }

        var started = context.Time.GetTimestamp();
        var opening = await SampleAsync(context, started).ConfigureAwait(false);
        var measured = Open(context, opening, section);
        var measure = sampling.MeasureSeconds.Value;
        var interval = sampling.SampleInterval.Value;
        for (var next = interval; ; next += interval)
        {
            var at = next < measure ? next : measure;
            var wait = at - context.Time.GetElapsedTime(started);
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait, context.Time, context.Interrupt).ConfigureAwait(false);
            }

            var raw = await SampleAsync(context, started).ConfigureAwait(false);
            if (MeasurementCheck.Departure(opening, raw) is { } departure)
            {
                throw new PhaseFailedException($"throughput: {departure}; nothing was measured");
            }

            var sample = raw.Only(measured);
            Believe(sample);
            section.Samples.Add(sample);
            context.Log.Line(string.Create(
                CultureInfo.InvariantCulture,
                $"  [{sample.ElapsedSeconds,4:0}s] backends={sample.BackendCount} sum_rate={sample.SumNoncesPerSecond:0.00} n/s ({sample.SumNoncesPerSecond * 60:0} n/min) " +
                $"per_backend=[{string.Join(", ", sample.PerBackendNoncesPerSecond.Select(r => r.ToString("0.00", CultureInfo.InvariantCulture)))}]"));
            if (at >= measure)
            {
                break;
            }
        }

        if (MeasurementCheck.Problem(section.WindowStart, section.Samples) is { } problem)
        {
            throw new PhaseFailedException($"throughput: {problem}; nothing was measured -- run again when no other client drives the node");
        }

        var summary = ThroughputSummaries.Summarize(section.WindowStart, section.Samples);
        section.Summary = summary;
        if (MeasurementCheck.Incoherence(section.WindowStart!, section.Samples, summary) is { } incoherent)
        {
            throw Incoherent(incoherent);
        }

        var counter = summary.CounterRate is { } c ? string.Create(CultureInfo.InvariantCulture, $"{c:0.00} n/s ({c * 60:0} n/min) over {summary.WindowSeconds:0.0}s") : "n/a";
        context.Log.Line(string.Create(
            CultureInfo.InvariantCulture,
            $"  -> backends={summary.Backends} samples={summary.Samples} avg_sum={summary.AverageSum:0.00} n/s ({summary.AverageSum * 60:0} n/min) " +
            $"min/max={summary.MinimumSum:0.00}/{summary.MaximumSum:0.00}; from total_processed: {counter}"));
        foreach (var callout in summary.SlowReplicas)
        {
            context.Log.Warning(callout);
        }
    }

    // The window measures the replicas generating when it opens; a backend the proxy lists but cannot reach (or that
    // never started) gets no nonces from init/generate, so it is reported and left out of the sums, not a failure.
    private static IReadOnlyList<int?> Open(PhaseContext context, ThroughputSample opening, ThroughputSection section)
    {
        var unhealthy = MeasurementCheck.Unhealthy(opening);
        var measured = MeasurementCheck.Measured(opening);
        if (measured.Count == 0)
        {
            throw new PhaseFailedException(
                $"throughput: no backend was generating when the measurement window opened ({string.Join(", ", unhealthy.Select(Describe))}); " +
                $"another client stopped generation, or every replica failed -- check the MLNode container logs");
        }

        // A replica that took generation (init/generate counted it) and is not generating when the window opens died
        // under PoC load during warm-up: measuring the rest would pass a node that loses a replica to the work.
        if (section.InitBackends is { } started && measured.Count < started)
        {
            throw new PhaseFailedException(
                $"throughput: {started - measured.Count} of the {started} replicas that took generation stopped during warm-up " +
                $"({string.Join(", ", unhealthy.Select(Describe))}); a node that loses a replica under PoC load is not ready -- check the MLNode container logs");
        }

        foreach (var backend in unhealthy)
        {
            section.UnhealthyBackends.Add(backend);
            context.Log.Warning($"backend {Describe(backend)}: left out of the throughput sums (the proxy sends init/generate to healthy backends only)");
        }

        var start = opening.Only(measured);
        Believe(start);
        section.WindowStart = start;
        section.WindowOpenedAt = context.Time.GetUtcNow();
        return measured;
    }

    // A sample with a rate no replica can have is not recorded (it could not be written as a number either).
    private static void Believe(ThroughputSample sample)
    {
        if (MeasurementCheck.ImpossibleRate(sample) is { } impossible)
        {
            throw Incoherent(impossible);
        }
    }

    private static PhaseFailedException Incoherent(string what) =>
        new($"throughput: the node's reply is incoherent: {what}; its throughput cannot be believed (a proxy that misreports its counters or rates?)");

    private static string Describe(UnhealthyBackend backend) =>
        $"port {backend.Port?.ToString(CultureInfo.InvariantCulture) ?? "?"} was {backend.Status}" + (backend.Detail is { } detail ? $" ({detail})" : string.Empty);

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
            status.Backends.Select(b => b.Status).ToList(),
            status.Backends.Select(b => b.Detail).ToList());
    }

    private static PhaseFailedException NoBackends(string what) =>
        new($"throughput: {what} -- the proxy has no healthy vLLM backend; the deploy probably crashed, check the MLNode container logs");

}

/// <summary>What the throughput phase measures with.</summary>
/// <param name="Poc">The PoC parameters (from the reference).</param>
/// <param name="BatchSize">batch_size for init/generate, or null to send none (the node's per-GPU default).</param>
/// <param name="Sampling">Warm-up, window and interval.</param>
internal sealed record ThroughputPlan(PocParameters Poc, int? BatchSize, SamplingSettings Sampling);
