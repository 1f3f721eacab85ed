namespace MlNode.Tasks.Documents;

/// <summary>One throughput gate's outcome in a report.</summary>
internal sealed class GateInfo
{
    /// <summary>Gets min-throughput, max-throughput-drop or max-replica-spread.</summary>
    public string Name { get; init; } = string.Empty;

    /// <summary>Gets the limit the user set.</summary>
    public double Limit { get; init; }

    /// <summary>Gets what the run measured, in the same unit.</summary>
    public double Measured { get; init; }

    /// <summary>Gets "n/s" or "%".</summary>
    public string Unit { get; init; } = string.Empty;

    /// <summary>Gets the baseline's rate (nonces/s) for the drop gate, else null.</summary>
    public double? Baseline { get; init; }

    /// <summary>Gets whether the run is within the limit.</summary>
    public bool Passed { get; init; }

    /// <summary>Gets how it was measured (which rate, which baseline).</summary>
    public string Detail { get; init; } = string.Empty;
}
