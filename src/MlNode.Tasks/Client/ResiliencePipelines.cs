using System.Globalization;
using System.Net;
using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace MlNode.Tasks.Client;

/// <summary>
/// One Polly pipeline per kind of call. Only idempotent calls are retried on ambiguous failures; a
/// state-changing POST is repeated only when the request provably never reached the node, and the long
/// validation call gets its own timeout and no retry at all.
/// </summary>
public sealed class ResiliencePipelines
{
    /// <summary>The pipelines for a job's timing settings (--request-timeout, --init-retries, --init-retry-delay).</summary>
    public static ResiliencePipelines From(Configuration.TimingSettings timing, Action<string> notify, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(timing);
        return new ResiliencePipelines(
            TimeSpan.FromSeconds(timing.RequestTimeout.Value),
            timing.InitRetries.Value,
            TimeSpan.FromSeconds(timing.InitRetryDelay.Value),
            notify,
            timeProvider);
    }

    /// <summary>Creates the pipelines.</summary>
    /// <param name="requestTimeout">Timeout of one attempt of a status or control call.</param>
    /// <param name="initRetries">How often init/generate is retried on 503.</param>
    /// <param name="initRetryDelay">Delay between those retries.</param>
    /// <param name="notify">Receives one line per retry, so the operator sees the node struggling.</param>
    /// <param name="timeProvider">The clock (tests may use a fake one).</param>
    public ResiliencePipelines(TimeSpan requestTimeout, int initRetries, TimeSpan initRetryDelay, Action<string> notify, TimeProvider? timeProvider = null)
    {
        var time = timeProvider ?? TimeProvider.System;

        Reads = new ResiliencePipelineBuilder<HttpResponseMessage> { TimeProvider = time }
            .AddRetry(new RetryStrategyOptions<HttpResponseMessage>
            {
                Name = "reads",
                MaxRetryAttempts = 6,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = TimeSpan.FromMilliseconds(250),
                MaxDelay = TimeSpan.FromSeconds(8),
                ShouldHandle = args => ValueTask.FromResult(IsTransientOutcome(args.Outcome)),
                OnRetry = args => Notify(notify, args.Context, "transient failure", args.Outcome, args.AttemptNumber + 1, 6, args.RetryDelay),
            })
            .AddTimeout(requestTimeout)
            .Build();

        Commands = new ResiliencePipelineBuilder<HttpResponseMessage> { TimeProvider = time }
            .AddRetry(new RetryStrategyOptions<HttpResponseMessage>
            {
                Name = "commands",
                MaxRetryAttempts = 3,
                BackoffType = DelayBackoffType.Exponential,
                Delay = TimeSpan.FromMilliseconds(500),
                ShouldHandle = args => ValueTask.FromResult(args.Outcome.Exception is { } e && TransientFaults.RequestNeverSent(e)),
                OnRetry = args => Notify(notify, args.Context, "could not connect", args.Outcome, args.AttemptNumber + 1, 3, args.RetryDelay),
            })
            .AddTimeout(requestTimeout)
            .Build();

        InitGenerate = new ResiliencePipelineBuilder<HttpResponseMessage> { TimeProvider = time }
            .AddRetry(new RetryStrategyOptions<HttpResponseMessage>
            {
                Name = "init-generate",
                MaxRetryAttempts = Math.Max(1, initRetries),
                BackoffType = DelayBackoffType.Constant,
                Delay = initRetryDelay,
                ShouldHandle = args => ValueTask.FromResult(
                    initRetries > 0 &&
                    ((args.Outcome.Result is { } r && TransientFaults.IsServiceUnavailable(r.StatusCode)) ||
                     (args.Outcome.Exception is { } e && TransientFaults.RequestNeverSent(e)))),
                OnRetry = args => Notify(notify, args.Context, "vLLM not ready", args.Outcome, args.AttemptNumber + 1, initRetries, args.RetryDelay),
            })
            .AddTimeout(requestTimeout)
            .Build();
    }

    /// <summary>Gets the pipeline of idempotent reads (status polls).</summary>
    public ResiliencePipeline<HttpResponseMessage> Reads { get; }

    /// <summary>Gets the pipeline of POSTs that act (/inference/up/async, /models/download, /pow/stop): retried only when never sent.</summary>
    public ResiliencePipeline<HttpResponseMessage> Commands { get; }

    /// <summary>Gets the pipeline of /pow/init/generate: 503 means vLLM is still loading, the contract's one named retry.</summary>
    public ResiliencePipeline<HttpResponseMessage> InitGenerate { get; }

    /// <summary>A pipeline for the long validation or bake call: its own timeout, never a retry.</summary>
    public static ResiliencePipeline<HttpResponseMessage> LongCall(TimeSpan timeout, TimeProvider? timeProvider = null) =>
        new ResiliencePipelineBuilder<HttpResponseMessage> { TimeProvider = timeProvider ?? TimeProvider.System }
            .AddTimeout(timeout)
            .Build();

    /// <summary>The key under which a call's endpoint label travels in the resilience context.</summary>
    public static readonly ResiliencePropertyKey<string> EndpointKey = new("mlnode.endpoint");

    private static bool IsTransientOutcome(Outcome<HttpResponseMessage> outcome) =>
        outcome.Result is { } response ? TransientFaults.IsTransientStatus(response.StatusCode)
        : outcome.Exception is { } exception && TransientFaults.IsTransient(exception);

    private static ValueTask Notify(Action<string> notify, ResilienceContext context, string what, Outcome<HttpResponseMessage> outcome, int attempt, int of, TimeSpan delay)
    {
        var endpoint = context.Properties.GetValue(EndpointKey, "request");
        var cause = outcome.Result is { } r ? $"HTTP {(int)r.StatusCode}"
            : outcome.Exception is TimeoutRejectedException ? "no answer within the request timeout"
            : outcome.Exception?.Message ?? "unknown";
        notify(string.Create(CultureInfo.InvariantCulture, $"  {endpoint}: {what} ({cause}); retry {attempt}/{of} in {delay.TotalSeconds:0.0}s"));
        return ValueTask.CompletedTask;
    }
}
