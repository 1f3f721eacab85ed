using MlNode.Tasks.PoC;

namespace MlNode.Tasks.References;

/// <summary>
/// A golden reference (mlnode-api.md §5): its header and the honest vectors (prefill) or trajectories (decode,
/// decode-poc.md) for one model. Read-only at validate time; loaded by the runners, never carried by settings.
/// </summary>
internal sealed class GoldenReference
{
    /// <summary>Creates a reference; the header's count is set from the artifacts of its scheme.</summary>
    /// <param name="header">What the reference records besides its artifacts.</param>
    /// <param name="vectors">The vectors, in file order (empty for a decode reference).</param>
    /// <param name="trajectories">The decode trajectories, in file order (empty for a prefill reference).</param>
    public GoldenReference(ReferenceHeader header, IReadOnlyList<ReferenceVector> vectors, IReadOnlyList<ReferenceTrajectory> trajectories)
    {
        ArgumentNullException.ThrowIfNull(header);
        ArgumentNullException.ThrowIfNull(vectors);
        ArgumentNullException.ThrowIfNull(trajectories);
        Header = header with { Count = header.Scheme == PocScheme.Decode ? trajectories.Count : vectors.Count };
        Vectors = vectors;
        Trajectories = trajectories;
    }

    /// <summary>Gets what it records besides its artifacts.</summary>
    public ReferenceHeader Header { get; }

    /// <summary>Gets the vectors, in file order (empty for a decode reference).</summary>
    public IReadOnlyList<ReferenceVector> Vectors { get; }

    /// <summary>Gets the decode trajectories, in file order (empty for a prefill reference).</summary>
    public IReadOnlyList<ReferenceTrajectory> Trajectories { get; }

    /// <summary>Gets the PoC parameters the artifacts were computed under.</summary>
    public PocParameters Poc => Header.Poc;

    /// <summary>Gets the nonces it holds, in file order, whatever its scheme.</summary>
    public IReadOnlyList<long> Nonces => Header.Scheme == PocScheme.Decode ? Trajectories.Select(t => t.Nonce).ToList() : Vectors.Select(v => v.Nonce).ToList();

    /// <summary>The same reference as read from <paramref name="path"/>, whose bytes hash to <paramref name="sha256"/>.</summary>
    public GoldenReference From(string path, string sha256) => new(Header with { FilePath = path, Sha256 = sha256 }, Vectors, Trajectories);
}
