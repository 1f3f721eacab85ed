using System.Net;
using Microsoft.Extensions.Time.Testing;
using MlNode.Tasks.Client;
using MlNode.Tasks.Phases;

namespace MlNode.Tasks.Tests.Phases;

/// <summary>The waiting primitives of the phases, on a clock the test moves: no real second is waited.</summary>
public sealed class PhasePrimitivesTests
{
    [Theory]
    [InlineData(1, 0.25)]
    [InlineData(40, 2)]
    [InlineData(1000, 5)]
    public void Next_TimeWaitedSoFar_FivePercentOfItBetweenFloorAndCeiling(double elapsedSeconds, double expectedSeconds)
    {
        var schedule = new PollSchedule(TimeSpan.FromSeconds(0.25), TimeSpan.FromSeconds(5));

        var next = schedule.Next(TimeSpan.FromSeconds(elapsedSeconds));

        Assert.Equal(TimeSpan.FromSeconds(expectedSeconds), next);
    }

    [Fact]
    public void Constructor_CeilingBelowFloor_Refused() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new PollSchedule(TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(1)));

    [Fact]
    public void Expired_FakeClockPassesTheLimit_ExpiresExactlyThenAndCancelsItsToken()
    {
        // Given
        var time = new FakeTimeProvider();
        using var deadline = new Deadline(TimeSpan.FromSeconds(10), CancellationToken.None, time);

        // When / Then: one tick before the limit it is alive, at the limit it is over
        time.Advance(TimeSpan.FromSeconds(9));
        Assert.False(deadline.Expired);
        Assert.Equal(TimeSpan.FromSeconds(1), deadline.Remaining);
        Assert.False(deadline.Token.IsCancellationRequested);
        time.Advance(TimeSpan.FromSeconds(1));
        Assert.True(deadline.Expired);
        Assert.Equal(TimeSpan.Zero, deadline.Remaining);
        Assert.True(deadline.Token.IsCancellationRequested);
    }

    [Fact]
    public async Task DelayAsync_LongerThanWhatRemains_EndsAtTheDeadlineWithoutThrowing()
    {
        var time = new FakeTimeProvider();
        using var deadline = new Deadline(TimeSpan.FromSeconds(5), CancellationToken.None, time);

        var waiting = deadline.DelayAsync(TimeSpan.FromSeconds(60));
        time.Advance(TimeSpan.FromSeconds(5));
        await waiting.WaitAsync(TimeSpan.FromSeconds(10), TimeProvider.System);

        Assert.True(deadline.Expired);
    }

    [Fact]
    public async Task DelayAsync_Interrupted_ThrowsAndIsNotATimeout()
    {
        var time = new FakeTimeProvider();
        using var interrupt = new CancellationTokenSource();
        using var deadline = new Deadline(TimeSpan.FromSeconds(5), interrupt.Token, time);

        var waiting = deadline.DelayAsync(TimeSpan.FromSeconds(1));
        await interrupt.CancelAsync();

        var stopped = await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting);
        Assert.False(deadline.IsTimeout(stopped));
        Assert.False(deadline.Expired);
    }

    [Theory]
    [InlineData(null, true)]
    [InlineData(HttpStatusCode.BadGateway, true)]
    [InlineData(HttpStatusCode.ServiceUnavailable, true)]
    [InlineData(HttpStatusCode.GatewayTimeout, true)]
    [InlineData(HttpStatusCode.BadRequest, false)]
    [InlineData(HttpStatusCode.Conflict, false)]
    public void IsAmbiguous_FailedStart_OnlyWhenTheNodeMayHaveActed(HttpStatusCode? status, bool expected) =>
        Assert.Equal(expected, StartRetry.IsAmbiguous(new MlNodeCallException("POST /api/v1/inference/up/async", "failed", status)));
}
