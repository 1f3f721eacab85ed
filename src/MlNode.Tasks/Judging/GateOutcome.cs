namespace MlNode.Tasks.Judging;

/// <summary>Whether the throughput gates the user asked for held.</summary>
internal enum GateOutcome
{
    /// <summary>No gate was asked for, or the run ended before gates could be judged.</summary>
    NotAsked,

    /// <summary>Every gate held.</summary>
    Passed,

    /// <summary>At least one gate failed.</summary>
    Failed,
}
