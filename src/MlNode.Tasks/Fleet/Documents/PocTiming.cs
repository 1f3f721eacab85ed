namespace MlNode.Tasks.Fleet.Documents;

/// <summary>Where the chain sits in its PoC cycle.</summary>
internal sealed class PocTiming
{
    /// <summary>Gets the epoch phase (<c>Inference</c>, <c>PoCGenerate</c>, <c>PoCGenerateWindDown</c>, <c>PoCValidate</c>, <c>PoCValidateWindDown</c>).</summary>
    public string? CurrentPhase { get; init; }

    /// <summary>Gets the blocks until the next PoC starts.</summary>
    public long? BlocksUntilNextPoc { get; init; }

    /// <summary>Gets the seconds until the next PoC starts (blocks × the block time).</summary>
    public long? SecondsUntilNextPoc { get; init; }

    /// <summary>Gets whether nodes must be online now (a PoC is active or imminent).</summary>
    public bool ShouldBeOnline { get; init; }
}
