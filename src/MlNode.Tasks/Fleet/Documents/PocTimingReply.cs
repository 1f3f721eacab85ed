namespace MlNode.Tasks.Fleet.Documents;

/// <summary>The Admin API's <c>GET /admin/v1/poc/timing</c>: where the chain is in its PoC cycle, when known.</summary>
internal sealed class PocTimingReply
{
    /// <summary>Gets whether the Network Node knows the schedule (its chain phase tracker is synced).</summary>
    public bool Available { get; init; }

    /// <summary>Gets the schedule, when available.</summary>
    public PocTiming? Timing { get; init; }
}
