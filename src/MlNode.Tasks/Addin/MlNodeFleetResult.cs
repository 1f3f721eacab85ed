namespace MlNode.Tasks.Addin;

/// <summary>How a fleet validation ended, for a script to branch on (or to end with <see cref="ExitCode"/>).</summary>
/// <param name="ExitCode">The fleet's exit code: 2 if a node failed the fraud test, else 1 if a pair errored or was refused, else 3 if a gate failed, else 0.</param>
/// <param name="FleetDirectory">The fleet folder.</param>
/// <param name="ReportPath">Its fleet_report.json.</param>
/// <param name="Pairs">Every pair, worst first.</param>
public sealed record MlNodeFleetResult(int ExitCode, string FleetDirectory, string ReportPath, IReadOnlyList<MlNodeFleetPair> Pairs)
{
    /// <summary>Gets whether every pair passed: exit code 0.</summary>
    public bool Passed => ExitCode == 0;

    /// <summary>Gets the pairs that passed (their nodes may take work).</summary>
    public IEnumerable<MlNodeFleetPair> Passing => Pairs.Where(p => p.Status == "PASS" && p.ExitCode == 0);
}

/// <summary>One (node, model) pair of a fleet result.</summary>
/// <param name="NodeId">The node's id.</param>
/// <param name="Model">The model.</param>
/// <param name="Status">PASS, FAIL, ERROR or REFUSED.</param>
/// <param name="ExitCode">The pair's own exit code.</param>
/// <param name="ExperimentDirectory">Its experiment folder, or null when it never ran.</param>
/// <param name="Reason">Why it was refused or failed, or null.</param>
public sealed record MlNodeFleetPair(string NodeId, string Model, string Status, int ExitCode, string? ExperimentDirectory, string? Reason);
