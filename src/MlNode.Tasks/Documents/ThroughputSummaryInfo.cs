namespace MlNode.Tasks.Documents;

/// <summary>The throughput over the window: summed rates, the counter-based rate, and each backend's.</summary>
internal sealed class ThroughputSummaryInfo
{
    /// <summary>Gets how many backends generated.</summary>
    public int NBackends { get; init; }

    /// <summary>Gets how many samples were taken.</summary>
    public int NSamples { get; init; }

    /// <summary>Gets the mean of the summed reported rates, in nonces/s.</summary>
    public double AvgSumNoncesPerSecond { get; init; }

    /// <summary>Gets the same per minute.</summary>
    public double AvgSumNoncesPerMin { get; init; }

    /// <summary>Gets the lowest summed rate.</summary>
    public double MinSumNoncesPerSecond { get; init; }

    /// <summary>Gets the highest summed rate.</summary>
    public double MaxSumNoncesPerSecond { get; init; }

    /// <summary>Gets the rate from the total_processed counters over the window, or null.</summary>
    public double? CounterNoncesPerSecond { get; init; }

    /// <summary>Gets the window the counter rate spans, in seconds.</summary>
    public double CounterWindowS { get; init; }

    /// <summary>Gets each backend's last total_processed (as validate.py records it).</summary>
    public IReadOnlyList<long> FinalPerBackendTotalProcessed { get; init; } = [];

    /// <summary>Gets each backend's rates.</summary>
    public IReadOnlyList<BackendRate> PerBackend { get; init; } = [];

    /// <summary>Gets a line per replica well below the median.</summary>
    public IReadOnlyList<string> SlowReplicas { get; init; } = [];
}

/// <summary>One backend's rates over the window.</summary>
internal sealed class BackendRate
{
    /// <summary>Gets its port, or null.</summary>
    public int? Port { get; init; }

    /// <summary>Gets the mean of its reported rate.</summary>
    public double AvgReportedNoncesPerSecond { get; init; }

    /// <summary>Gets its rate from its counter, or null.</summary>
    public double? CounterNoncesPerSecond { get; init; }

    /// <summary>Gets its last reported rate.</summary>
    public double LastNoncesPerSecond { get; init; }
}
