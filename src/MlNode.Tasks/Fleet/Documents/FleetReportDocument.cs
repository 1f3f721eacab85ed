using MlNode.Tasks.Documents;

namespace MlNode.Tasks.Fleet.Documents;

/// <summary>fleet_report.json: every (node, model) pair of one fleet validation, with the fleet's exit code.</summary>
internal sealed record FleetReportDocument
{
    /// <summary>Gets the tool that wrote the report.</summary>
    public ToolInfo Tool { get; init; } = ToolInfo.Current;

    /// <summary>Gets where the fleet came from.</summary>
    public FleetSourceInfo Source { get; init; } = new();

    /// <summary>Gets what the safety checks found.</summary>
    public FleetSafetyInfo Safety { get; init; } = new();

    /// <summary>Gets when the fleet run started (ISO 8601).</summary>
    public string StartedAt { get; init; } = string.Empty;

    /// <summary>Gets when it finished (ISO 8601).</summary>
    public string? FinishedAt { get; init; }

    /// <summary>Gets its wall time in seconds.</summary>
    public double? DurationS { get; init; }

    /// <summary>Gets how many pairs ran at once at most.</summary>
    public int? MaxParallel { get; init; }

    /// <summary>Gets the fleet's exit code: 2 if a pair failed the fraud test, else 1 if one errored (or was refused), else 3 if a gate failed, else 0.</summary>
    public int ExitCode { get; init; }

    /// <summary>Gets the pairs per status.</summary>
    public FleetCountsInfo Counts { get; init; } = new();

    /// <summary>Gets every pair, worst first.</summary>
    public IReadOnlyList<FleetPairEntry> Pairs { get; init; } = [];

    /// <summary>Gets each Network Node's part, when the fleet came from several (absent otherwise).</summary>
    [Newtonsoft.Json.JsonProperty(NullValueHandling = Newtonsoft.Json.NullValueHandling.Ignore)]
    public IReadOnlyList<NetworkNodeEntry>? NetworkNodes { get; init; }
}
