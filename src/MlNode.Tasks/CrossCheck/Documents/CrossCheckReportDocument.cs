using MlNode.Tasks.Fleet.Documents;
using MlNode.Tasks.Documents;

namespace MlNode.Tasks.CrossCheck.Documents;

/// <summary>crosscheck_report.json: do the nodes' hardware classes accept each other's PoC vectors, per model.</summary>
internal sealed record CrossCheckReportDocument
{
    /// <summary>Gets the tool that wrote the report.</summary>
    public ToolInfo Tool { get; init; } = ToolInfo.Current;

    /// <summary>Gets where the nodes came from (<c>nodes-file</c>, <c>admin-api</c> or <c>mlnode-urls</c>).</summary>
    public FleetSourceInfo Source { get; init; } = new();

    /// <summary>Gets what the safety checks found.</summary>
    public FleetSafetyInfo Safety { get; init; } = new();

    /// <summary>Gets when the cross-check started (ISO 8601).</summary>
    public string StartedAt { get; init; } = string.Empty;

    /// <summary>Gets when it finished (ISO 8601).</summary>
    public string FinishedAt { get; init; } = string.Empty;

    /// <summary>Gets its wall time in seconds.</summary>
    public double DurationS { get; init; }

    /// <summary>Gets the exit code: 2 if any ordered pair's fraud test fired, else 1 if a node or pair could not be judged, else 0 (130: interrupted).</summary>
    public int ExitCode { get; init; }

    /// <summary>Gets how many nonces (0..N-1) every node generated.</summary>
    public int NumNonces { get; init; }

    /// <summary>Gets <c>class</c> (one node per hardware class) or <c>all</c>.</summary>
    public string Cross { get; init; } = "class";

    /// <summary>Gets the batch every node computed with, or null: each node's own default, as on chain.</summary>
    public int? BatchSize { get; init; }

    /// <summary>Gets every ordered pair whose fraud test fired, worded for an operator.</summary>
    public IReadOnlyList<string> Incompatible { get; init; } = [];

    /// <summary>Gets one matrix per model.</summary>
    public IReadOnlyList<CrossModelEntry> Models { get; init; } = [];

    /// <summary>Gets the nodes that did not reach a matrix (refused, no reference, deploy failed), as fleet pairs.</summary>
    public IReadOnlyList<FleetPairEntry> NodeIssues { get; init; } = [];

    /// <summary>Gets the nodes another node of their hardware class stood for.</summary>
    public IReadOnlyList<CrossLeftOutEntry> LeftOut { get; init; } = [];
}
