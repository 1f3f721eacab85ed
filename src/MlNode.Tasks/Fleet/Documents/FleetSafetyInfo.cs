namespace MlNode.Tasks.Fleet.Documents;

/// <summary>What the safety checks knew and decided before any node was touched.</summary>
internal sealed record FleetSafetyInfo
{
    /// <summary>Gets whether the nodes' state was checked (only the Admin API knows it).</summary>
    public bool StateChecked { get; init; }

    /// <summary>Gets whether --ignore-safety overrode the checks.</summary>
    public bool Ignored { get; init; }

    /// <summary>Gets the PoC schedule read before the run, if any.</summary>
    public PocTiming? PocTiming { get; init; }

    /// <summary>Gets the worst-case duration of the run the schedule was checked against, in seconds.</summary>
    public double? WorstCaseS { get; init; }

    /// <summary>Gets what was decided, in words.</summary>
    public string Note { get; init; } = string.Empty;
}
