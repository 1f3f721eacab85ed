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
internal sealed class ResiliencePipelines
{
    private readonly TimeProvider _time;

    /// <summary>The pipelines for a job's timing settings (--request-timeout, --init-retries, --init-retry-delay).</summary>
    public static ResiliencePipelines From(Configuration.TimingSettings timing, Action<string> notify, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(timing);
        return new ResiliencePipelines(
            timing.RequestTimeout.Value,
            timing.InitRetries.Value,
            timing.InitRetryDelay.Value,
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
        _time = time;

        Reads = ReadPipeline("reads", IsTransientOutcome, requestTimeout, notify, time);

        // The Admin API answers 502 itself when its governance query failed: an answer to report, not a gateway's hiccup.
        AdminQueries = ReadPipeline("admin-queries", o => o.Result?.StatusCode != HttpStatusCode.BadGateway && IsTransientOutcome(o), requestTimeout, notify, time);

        Commands = new ResiliencePipelineBuilder<HttpResponseMessage> { TimeProvider = time }
            .AddRetry(new RetryStrategyOptions<HttpResponseMessage>
            {
                Name = "commands",
                MaxRetryAttempts = RetryConstants.CommandRetries,
                BackoffType = DelayBackoffType.Exponential,
                Delay = RetryConstants.CommandDelay,
                ShouldHandle = args => ValueTask.FromResult(args.Outcome.Exception is { } e && TransientFaults.RequestNeverSent(e)),
                OnRetry = args => Notify(notify, args.Context, "could not connect", args.Outcome, args.AttemptNumber + 1, RetryConstants.CommandRetries, args.RetryDelay),
            })
            .AddTimeout(requestTimeout)
            .Build();

        // Asking who the node is must cost a node that is down nothing beyond one attempt: the phase after it
        // retries as its own kind of call does, and says what is wrong.
        Probes = new ResiliencePipelineBuilder<HttpResponseMessage> { TimeProvider = time }
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

    /// <summary>Gets the pipeline of the Admin API's computed reads (launch plans), whose 502 is the Admin API's own answer.</summary>
    public ResiliencePipeline<HttpResponseMessage> AdminQueries { get; }

    /// <summary>Gets the pipeline of POSTs that act (/inference/up/async, /models/download, /pow/stop): retried only when never sent.</summary>
    public ResiliencePipeline<HttpResponseMessage> Commands { get; }

    /// <summary>Gets the pipeline of optional reads (the node's identity): one attempt within the request timeout, never a retry.</summary>
    public ResiliencePipeline<HttpResponseMessage> Probes { get; }

    /// <summary>Gets the pipeline of /pow/init/generate: 503 means vLLM is still loading, the contract's one named retry.</summary>
    public ResiliencePipeline<HttpResponseMessage> InitGenerate { get; }

    /// <summary>
    /// A pipeline for the long validation call: its own timeout, and one retry (with a warning) only when the
    /// connection closed before any byte of an answer. Validation is a computation that changes no node state, so
    /// repeating it is safe; a timeout or an HTTP answer is never repeated (the node did answer, or is still busy).
    /// </summary>
    /// <param name="timeout">The call's own time limit (--validation-timeout).</param>
    /// <param name="warn">Receives the retry as a warning: a dropped connection on the node's longest call is worth a look.</param>
    public ResiliencePipeline<HttpResponseMessage> ValidationCall(TimeSpan timeout, Action<string> warn) => Computation("validation", timeout, warn);

    /// <summary>
    /// A generation with <c>wait: true</c> (the node's own vectors or trajectories): a computation that changes no node
    /// state, so it is sent again once when the connection closed before any answer, as a validation is.
    /// </summary>
    public ResiliencePipeline<HttpResponseMessage> GenerationCall(TimeSpan timeout, Action<string> warn) => Computation("generation", timeout, warn);

    private ResiliencePipeline<HttpResponseMessage> Computation(string what, TimeSpan timeout, Action<string> warn) =>
        new ResiliencePipelineBuilder<HttpResponseMessage> { TimeProvider = _time }
            .AddRetry(new RetryStrategyOptions<HttpResponseMessage>
            {
                Name = what,
                MaxRetryAttempts = RetryConstants.ValidationRetries,
                Delay = TimeSpan.Zero,
                ShouldHandle = args => ValueTask.FromResult(args.Outcome.Exception is { } e && TransientFaults.ResponseEndedBeforeAnswer(e)),
                OnRetry = args => Notify(line => warn(line.Trim() + $"; the {what} is a computation that changes no node state, " +
                    "so it is sent again"), args.Context, "connection closed before any answer", args.Outcome, args.AttemptNumber + 1, RetryConstants.ValidationRetries, args.RetryDelay),
            })
            .AddTimeout(timeout)
            .Build();

    /// <summary>The key under which a call's endpoint label travels in the resilience context.</summary>
    public static readonly ResiliencePropertyKey<string> EndpointKey = new("mlnode.endpoint");

    private static ResiliencePipeline<HttpResponseMessage> ReadPipeline(string name, Func<Outcome<HttpResponseMessage>, bool> transient, TimeSpan requestTimeout,
        Action<string> notify, TimeProvider time) =>
        new ResiliencePipelineBuilder<HttpResponseMessage> { TimeProvider = time }
            .AddRetry(new RetryStrategyOptions<HttpResponseMessage>
            {
                Name = name,
                MaxRetryAttempts = RetryConstants.ReadRetries,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = RetryConstants.ReadDelay,
                MaxDelay = RetryConstants.ReadMaxDelay,
                ShouldHandle = args => ValueTask.FromResult(transient(args.Outcome)),
                OnRetry = args => Notify(notify, args.Context, "transient failure", args.Outcome, args.AttemptNumber + 1, RetryConstants.ReadRetries, args.RetryDelay),
            })
            .AddTimeout(requestTimeout)
            .Build();

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
