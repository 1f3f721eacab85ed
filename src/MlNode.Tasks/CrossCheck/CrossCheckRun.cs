using MlNode.Tasks.Common;
using MlNode.Tasks.Fleet;
using MlNode.Tasks.Fleet.Documents;

namespace MlNode.Tasks.CrossCheck;

/// <summary>A finished cross-check: one matrix per model, and every node that could not take part and why.</summary>
internal sealed record CrossCheckRun
{
    /// <summary>Gets the <c>crosscheck_&lt;ts&gt;</c> folder.</summary>
    public required string Directory { get; init; }

    /// <summary>Gets the settings it ran with.</summary>
    public required CrossCheckSettings Settings { get; init; }

    /// <summary>Gets one matrix per model.</summary>
    public required IReadOnlyList<CrossMatrix> Matrices { get; init; }

    /// <summary>Gets the nodes that did not reach a matrix (refused, no reference, deploy failed), as a fleet's rows.</summary>
    public IReadOnlyList<FleetRow> NodeIssues { get; init; } = [];

    /// <summary>Gets the nodes left out by choice (one per hardware class), with the node that stands for their class.</summary>
    public IReadOnlyList<CrossLeftOut> LeftOut { get; init; } = [];

    /// <summary>Gets what was checked before any node was touched.</summary>
    public FleetSafetyInfo Safety { get; init; } = new();

    /// <summary>Gets when it started.</summary>
    public required DateTimeOffset StartedAt { get; init; }

    /// <summary>Gets when it finished.</summary>
    public required DateTimeOffset FinishedAt { get; init; }

    /// <summary>
    /// Gets the one exit code, by the rule every multi-run target uses (<see cref="ExitCodes.Worst"/>): any pair whose
    /// fraud test fired is 2, a node or cell that could not be judged is 1, an interrupt is 130.
    /// </summary>
    public int ExitCode => ExitCodes.Worst(Matrices.Select(m => m.ExitCode).Append(new FleetResult(NodeIssues, Settings.Fleet.RefusedOk).ExitCode));

    /// <summary>Gets who the incompatible pairs gather on, per model (empty when every pair is compatible).</summary>
    public IEnumerable<string> Causes => Matrices.SelectMany(m => m.Causes().Select(line => $"{m.Plan.Model}: {line}"));

    /// <summary>Gets every incompatible ordered pair of every matrix, worded for an operator.</summary>
    public IEnumerable<string> Incompatible => Matrices.SelectMany(m => m.Incompatible().Select(line => $"{m.Plan.Model}: {line}"));
}
