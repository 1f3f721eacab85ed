using MlNode.Tasks.Fleet.Documents;

namespace MlNode.Tasks.Fleet;

/// <summary>A finished fleet run as its files describe it: where it came from, what safety decided, and its rows.</summary>
internal sealed record FleetRun
{
    /// <summary>Gets the fleet folder.</summary>
    public required string Directory { get; init; }

    /// <summary>Gets the kind of source: nodes-file, admin-api, or merged.</summary>
    public required string SourceKind { get; init; }

    /// <summary>Gets the source as shown (no secrets).</summary>
    public required string SourceDisplay { get; init; }

    /// <summary>Gets the rows and the exit code.</summary>
    public required FleetResult Result { get; init; }

    /// <summary>Gets when the run started.</summary>
    public required DateTimeOffset StartedAt { get; init; }

    /// <summary>Gets when it finished, once it has.</summary>
    public DateTimeOffset? FinishedAt { get; init; }

    /// <summary>Gets its wall time in seconds, once finished.</summary>
    public double? Duration => FinishedAt is { } end ? Math.Round((end - StartedAt).TotalSeconds, 3) : null;

    /// <summary>Gets the safety facts for the report.</summary>
    public FleetSafetyInfo Safety { get; init; } = new();

    /// <summary>Gets the filters.</summary>
    public IReadOnlyList<string>? NodeIds { get; init; }

    /// <summary>Gets the model filter.</summary>
    public IReadOnlyList<string>? Models { get; init; }

    /// <summary>Gets --max-parallel, when the pairs ran in this process.</summary>
    public int? MaxParallel { get; init; }

    /// <summary>Gets the Network Nodes the fleet was read from, when several (their pairs are grouped by them); empty otherwise.</summary>
    public IReadOnlyList<string> NetworkNodes { get; init; } = [];
}
