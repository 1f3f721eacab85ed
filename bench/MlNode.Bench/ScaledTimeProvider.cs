using System.Diagnostics;

namespace MlNode.Bench;

/// <summary>
/// A clock that runs <c>factor</c> times faster than real time, shared by the simulator and the tool, so that a
/// ten-minute simulated deploy plays out in seconds while both sides keep their own schedules.
/// </summary>
internal sealed class ScaledTimeProvider(double factor) : TimeProvider
{
    private readonly DateTimeOffset _start = DateTimeOffset.UtcNow;
    private readonly long _origin = Stopwatch.GetTimestamp();

    public override DateTimeOffset GetUtcNow() => _start + TimeSpan.FromTicks((long)(Stopwatch.GetElapsedTime(_origin).Ticks * factor));

    public override long GetTimestamp() => _origin + (long)((Stopwatch.GetTimestamp() - _origin) * factor);

    public override long TimestampFrequency => Stopwatch.Frequency;

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period) =>
        new ScaledTimer(System.CreateTimer(callback, state, Scale(dueTime), Scale(period)), this);

    private TimeSpan Scale(TimeSpan span) => span == Timeout.InfiniteTimeSpan ? span : TimeSpan.FromTicks((long)(span.Ticks / factor));

    private sealed class ScaledTimer(ITimer inner, ScaledTimeProvider clock) : ITimer
    {
        public bool Change(TimeSpan dueTime, TimeSpan period) => inner.Change(clock.Scale(dueTime), clock.Scale(period));

        public void Dispose() => inner.Dispose();

        public ValueTask DisposeAsync() => inner.DisposeAsync();
    }
}
