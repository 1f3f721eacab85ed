using MlNode.Tasks.References;

namespace MlNode.Tasks.CrossCheck;

/// <summary>What one source produced: its vectors (or, under decode PoC, its trajectories), or why there are none.</summary>
/// <param name="Source">The node id, or <see cref="CrossSchedule.Golden"/>.</param>
/// <param name="Vectors">The vectors by nonce (empty on failure).</param>
/// <param name="Failure">Why the source has no vectors, or null.</param>
/// <param name="Interrupted">True when the failure is the run's interruption.</param>
internal sealed record GeneratedVectors(string Source, IReadOnlyList<ReferenceVector> Vectors, string? Failure = null, bool Interrupted = false)
{
    /// <summary>Gets how long the generation took, in seconds (null for the golden).</summary>
    public double? Seconds { get; init; }

    /// <summary>Gets the decode trajectories by nonce (empty under prefill and on failure).</summary>
    public IReadOnlyList<ReferenceTrajectory> Trajectories { get; init; } = [];

    /// <summary>Gets how many nonces it produced, whatever the scheme.</summary>
    public int Count => Vectors.Count + Trajectories.Count;

    /// <summary>Gets the generating node's software (MLNode and PoC plugin versions) as it reported it, or null.</summary>
    public string? Software { get; init; }

    /// <summary>A source that produced nothing.</summary>
    public static GeneratedVectors Failed(string source, string failure, bool interrupted) => new(source, [], failure, interrupted);
}
