namespace MlNode.Tasks.Phases;

/// <summary>
/// How long to wait between status polls: 5% of the time waited so far, clamped to a floor and a ceiling.
/// A 4-second deploy is noticed within a quarter second; a 30-minute deploy is polled every few seconds,
/// not hammered (the latency the tool adds stays proportional to the wait the node imposes).
/// </summary>
internal sealed class PollSchedule
{
    private const double Fraction = 0.05;

    /// <summary>Creates a schedule.</summary>
    /// <param name="floor">Never poll more often than this.</param>
    /// <param name="ceiling">Never wait longer than this between polls.</param>
    public PollSchedule(TimeSpan floor, TimeSpan ceiling)
    {
        if (floor <= TimeSpan.Zero || ceiling < floor)
        {
            throw new ArgumentOutOfRangeException(nameof(ceiling), "need 0 < floor <= ceiling");
        }

        Floor = floor;
        Ceiling = ceiling;
    }

    /// <summary>Gets the floor.</summary>
    public TimeSpan Floor { get; }

    /// <summary>Gets the ceiling.</summary>
    public TimeSpan Ceiling { get; }

    /// <summary>The interval before the next poll, given the time waited so far.</summary>
    public TimeSpan Next(TimeSpan elapsed)
    {
        var proportional = TimeSpan.FromTicks((long)(elapsed.Ticks * Fraction));
        return proportional < Floor ? Floor : proportional > Ceiling ? Ceiling : proportional;
    }
}
