namespace MlNode.Tasks.Documents;

/// <summary>One GET /pow/status sample: every backend's status, reported rate and counter.</summary>
internal sealed class ThroughputSampleInfo
{
    /// <summary>Gets seconds since the window opened.</summary>
    public double ElapsedS { get; init; }

    /// <summary>Gets the node's aggregate status.</summary>
    public string AggStatus { get; init; } = string.Empty;

    /// <summary>Gets how many backends answered.</summary>
    public int NBackends { get; init; }

    /// <summary>Gets each backend's port (null where the node did not say).</summary>
    public IReadOnlyList<int?> Ports { get; init; } = [];

    /// <summary>Gets each backend's status.</summary>
    public IReadOnlyList<string> PerBackendStatus { get; init; } = [];

    /// <summary>Gets each backend's reported nonces_per_second.</summary>
    public IReadOnlyList<double> PerBackendNoncesPerSecond { get; init; } = [];

    /// <summary>Gets each backend's total_processed counter.</summary>
    public IReadOnlyList<long> PerBackendTotalProcessed { get; init; } = [];

    /// <summary>Gets the sum of the reported rates.</summary>
    public double SumNoncesPerSecond { get; init; }
}
