using MlNode.Tasks.Configuration;
using MlNode.Tasks.PoC;

namespace MlNode.Tasks.Baking;

/// <summary>Everything BakeReference needs, resolved once (the contract's make_artifact inputs).</summary>
internal sealed record BakeSettings
{
    /// <summary>Gets the trusted node, the model, the deploy config and the timing.</summary>
    public required NodeSettings Target { get; init; }

    /// <summary>Gets the PoC parameters to bake under.</summary>
    public required PocParameters Poc { get; init; }

    /// <summary>Gets how many leading nonces (0..N-1) to bake.</summary>
    public required int NumNonces { get; init; }

    /// <summary>Gets the batch size to send, or null to let the node use its default batch.</summary>
    public required int? BatchSize { get; init; }

    /// <summary>Gets the dist_threshold to record.</summary>
    public required double DistThreshold { get; init; }

    /// <summary>Gets a p_mismatch to record in a stat_test block, if given.</summary>
    public double? PMismatch { get; init; }

    /// <summary>Gets a fraud_threshold to record in a stat_test block, if given.</summary>
    public double? FraudThreshold { get; init; }

    /// <summary>Gets the provenance text.</summary>
    public required string Source { get; init; }

    /// <summary>Gets the timeout of each /pow/generate call.</summary>
    public required TimeSpan Timeout { get; init; }

    /// <summary>Gets whether the node must reproduce its own vectors before the file is written.</summary>
    public required bool Verify { get; init; }

    /// <summary>Gets whether an existing file may be replaced.</summary>
    public required bool Force { get; init; }

    /// <summary>Gets the output path (absolute).</summary>
    public required string OutPath { get; init; }

    /// <summary>Gets whether the output path is where --model lookup will find it (so --reference is not needed).</summary>
    public required bool OutIsDefaultLookup { get; init; }

    /// <summary>Gets which phases run.</summary>
    public required IReadOnlyDictionary<Phase, PhaseDecision> Phases { get; init; }
}
