using Polly;
using Polly.Retry;

namespace MlNode.Tasks.Phases;

/// <summary>
/// Polling a node's status until a condition holds, as a Polly retry on the result: the delay between polls is the
/// adaptive schedule (capped at what is left of the deadline), the deadline's token ends it, and each status is
/// handed to an observer first (which records it, prints progress, and throws on a status that ends the phase).
/// </summary>
internal static class StatusPolling
{
    /// <summary>Polls until <paramref name="done"/>; throws <paramref name="timedOut"/>'s exception when the deadline passes first.</summary>
    /// <param name="context">The phase's context (clock, schedule).</param>
    /// <param name="deadline">The phase's deadline.</param>
    /// <param name="poll">One status request.</param>
    /// <param name="done">Whether a status ends the wait.</param>
    /// <param name="observe">Sees every status first.</param>
    /// <param name="timedOut">The phase's timeout error.</param>
    /// <param name="waitFirst">True to wait one interval before the first poll (the caller just asked for a change).</param>
    public static async Task<T> UntilAsync<T>(PhaseContext context, Deadline deadline, Func<CancellationToken, Task<T>> poll, Func<T, bool> done,
        Action<T> observe, Func<Exception> timedOut, bool waitFirst)
    {
        if (waitFirst)
        {
            await deadline.DelayAsync(context.Polling.Next(deadline.Elapsed)).ConfigureAwait(false);
            if (deadline.Expired)
            {
                throw timedOut();
            }
        }

        var pipeline = new ResiliencePipelineBuilder<T> { TimeProvider = context.Time }
            .AddRetry(new RetryStrategyOptions<T>
            {
                Name = "status-poll",
                MaxRetryAttempts = int.MaxValue,
                BackoffType = DelayBackoffType.Constant,
                UseJitter = false,
                ShouldHandle = args => ValueTask.FromResult(args.Outcome.Exception is null && !done(args.Outcome.Result!) && !deadline.Expired),
                DelayGenerator = args => ValueTask.FromResult<TimeSpan?>(Min(context.Polling.Next(deadline.Elapsed), deadline.Remaining)),
            })
            .Build();
        var last = await pipeline.ExecuteAsync(
            async token =>
            {
                var status = await poll(token).ConfigureAwait(false);
                observe(status);
                return status;
            },
            deadline.Token).ConfigureAwait(false);
        return done(last) ? last : throw timedOut();
    }

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;
}
