namespace MlNode.Tasks.Addin;

/// <summary>How a fleet validation ended, for a script to branch on (or to end with <see cref="ExitCode"/>).</summary>
public sealed class MlNodeFleetResult
{
    internal MlNodeFleetResult()
    {
    }

    /// <summary>Gets the fleet's exit code: 2 if a node failed the fraud test, else 1 if a pair errored or was refused, else 3 if a gate failed, else 0.</summary>
    public int ExitCode { get; internal init; }

    /// <summary>Gets the fleet folder.</summary>
    public string FleetDirectory { get; internal init; } = string.Empty;

    /// <summary>Gets its fleet_report.json.</summary>
    public string ReportPath { get; internal init; } = string.Empty;

    /// <summary>Gets every pair, worst first.</summary>
    public IReadOnlyList<MlNodeFleetPair> Pairs { get; internal init; } = [];

    /// <summary>Gets whether every pair passed: exit code 0.</summary>
    public bool Passed => ExitCode == 0;

    /// <summary>Gets the pairs that passed with exit code 0 (their nodes may take work).</summary>
    public IEnumerable<MlNodeFleetPair> Passing => Pairs.Where(p => p.Status == MlNodePairStatus.Pass && p.ExitCode == 0);
}
