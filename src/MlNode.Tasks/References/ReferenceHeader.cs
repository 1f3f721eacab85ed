using MlNode.Tasks.Common;
using MlNode.Tasks.PoC;

namespace MlNode.Tasks.References;

/// <summary>
/// What a golden reference records besides its artifacts: which file (path and SHA-256), the model, the PoC parameters,
/// deploy args and stat test it was recorded under, its provenance and how many nonces it holds. Plain data: a run's
/// settings carry it, and the runner loads the artifacts of exactly this file (<see cref="ReferenceCache.Load(ReferenceHeader)"/>).
/// </summary>
internal sealed record ReferenceHeader
{
    /// <summary>Gets the file it was read from (absolute), or null for one built in memory.</summary>
    public string? FilePath { get; init; }

    /// <summary>Gets the SHA-256 of the file's bytes, recorded so a report pins exactly which reference it used.</summary>
    public string? Sha256 { get; init; }

    /// <summary>Gets the model id.</summary>
    public required ModelId Model { get; init; }

    /// <summary>Gets the PoC parameters the vectors were computed under.</summary>
    public required PocParameters Poc { get; init; }

    /// <summary>Gets the top-level dist_threshold, if recorded.</summary>
    public double? DistThreshold { get; init; }

    /// <summary>Gets the stat_test block's p_mismatch, if recorded.</summary>
    public double? PMismatch { get; init; }

    /// <summary>Gets the stat_test block's fraud_threshold, if recorded.</summary>
    public double? FraudThreshold { get; init; }

    /// <summary>Gets whether the file has a stat_test block.</summary>
    public bool HasStatTestBlock { get; init; }

    /// <summary>Gets the consensus-default vLLM deploy args.</summary>
    public IReadOnlyList<string> AdditionalArgs { get; init; } = [];

    /// <summary>Gets the provenance text.</summary>
    public string? Source { get; init; }

    /// <summary>Gets free-form notes.</summary>
    public string? Notes { get; init; }

    /// <summary>Gets when it was baked, as written in the file.</summary>
    public string? GeneratedAt { get; init; }

    /// <summary>Gets the batch size the vectors were collected with, or null for the node's default batch.</summary>
    public int? CollectionBatchSize { get; init; }

    /// <summary>Gets how many nonces it holds (set from its artifacts by <see cref="GoldenReference"/>).</summary>
    public int Count { get; init; }

    /// <summary>Gets the scheme the file records (read from it, never guessed).</summary>
    public PocScheme Scheme => Poc.Scheme;

    /// <summary>Gets a short label for tables and messages: the file name, or the model.</summary>
    public string Label => FilePath is null ? Model.Value : System.IO.Path.GetFileName(FilePath);
}
