using Microsoft.Extensions.Time.Testing;

namespace MlNode.Tasks.Tests.Support;

/// <summary>
/// A <see cref="FakeTimeProvider"/> that a background loop moves forward one step at a time, each after a short real
/// pause in which the tool and the simulator (both on this clock) act: a minute's measurement window passes in about
/// a second and a half, and what is measured depends on the steps, not on how busy the machine is. A step that
/// lands while a request is on the wire moves an edge of the window by at most one step.
/// </summary>
internal sealed class SteppedClock : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    public SteppedClock(TimeSpan step, TimeSpan pause)
    {
        // Reports print local dates: start the fake clock at the real now.
        Time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        _loop = Task.Run(async () =>
        {
            while (!_stop.IsCancellationRequested)
            {
                try
                {
                    await Task.Delay(pause, _stop.Token);
                }
                catch (OperationCanceledException)
                {
                    return;
                }

                Time.Advance(step);
            }
        });
    }

    public FakeTimeProvider Time { get; }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _loop;
        _stop.Dispose();
    }
}
