
namespace MlNode.Tasks.Phases;

/// <summary>
/// A phase's time limit combined with the run's interrupt signal. Tells a timeout (a phase failure with the
/// contract's message) apart from an interrupt (exit 130).
/// </summary>
internal sealed class Deadline : IDisposable
{
    private readonly CancellationTokenSource _limit;
    private readonly CancellationTokenSource _source;
    private readonly CancellationToken _interrupt;
    private readonly TimeProvider _time;
    private readonly long _started;

    /// <summary>Starts a deadline of <paramref name="limit"/> from now.</summary>
    public Deadline(TimeSpan limit, CancellationToken interrupt, TimeProvider time)
    {
        Limit = limit;
        _interrupt = interrupt;
        _time = time;
        _started = time.GetTimestamp();
        _limit = new CancellationTokenSource(limit, time);
        _source = CancellationTokenSource.CreateLinkedTokenSource(interrupt, _limit.Token);
    }

    /// <summary>Gets the limit.</summary>
    public TimeSpan Limit { get; }

    /// <summary>Gets the token that fires at the deadline or on interrupt.</summary>
    public CancellationToken Token => _source.Token;

    /// <summary>Gets the time since the deadline started.</summary>
    public TimeSpan Elapsed => _time.GetElapsedTime(_started);

    /// <summary>Gets whether the limit has passed.</summary>
    public bool Expired => Elapsed >= Limit;

    /// <summary>Gets the time left (never negative).</summary>
    public TimeSpan Remaining => Limit - Elapsed is var left && left > TimeSpan.Zero ? left : TimeSpan.Zero;

    /// <summary>Throws <see cref="OperationCanceledException"/> if the run was interrupted.</summary>
    public void ThrowIfInterrupted() => _interrupt.ThrowIfCancellationRequested();

    /// <summary>True when a cancellation came from the deadline rather than an interrupt.</summary>
    public bool IsTimeout(OperationCanceledException exception) => !_interrupt.IsCancellationRequested && _source.IsCancellationRequested;

    /// <summary>Waits, returning early (without throwing) at the deadline; throws on interrupt.</summary>
    public async Task DelayAsync(TimeSpan delay)
    {
        var wait = delay < Remaining ? delay : Remaining;
        try
        {
            await Task.Delay(wait, _time, Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!_interrupt.IsCancellationRequested)
        {
            // The deadline fired: the caller sees Expired and reports the timeout.
        }

        ThrowIfInterrupted();
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _source.Dispose();
        _limit.Dispose();
    }
}
