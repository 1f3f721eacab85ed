namespace MlNode.Tasks.Documents;

/// <summary>The throughput phase's results: the init reply, every sample of the window, the summary and the stop.</summary>
internal sealed class ThroughputInfo
{
    /// <summary>Gets what init/generate answered.</summary>
    public ThroughputInit Init { get; init; } = new();

    /// <summary>Gets the backends /pow/status listed but that were not generating when the window opened (left out of the sums).</summary>
    public IReadOnlyList<UnhealthyBackendInfo> UnhealthyBackends { get; init; } = [];

    /// <summary>Gets the sample that opened the measurement window, or null.</summary>
    public ThroughputSampleInfo? WindowStart { get; init; }

    /// <summary>Gets the samples of the measurement window.</summary>
    public IReadOnlyList<ThroughputSampleInfo> Samples { get; init; } = [];

    /// <summary>Gets the summary, or null when no sample was taken.</summary>
    public ThroughputSummaryInfo? Summary { get; init; }

    /// <summary>Gets whether this run started generation.</summary>
    public bool GenerationStarted { get; init; }

    /// <summary>Gets whether this run sent /pow/stop.</summary>
    public bool GenerationStopped { get; init; }

    /// <summary>Gets whether the node was seen IDLE after the stop.</summary>
    public bool StopConfirmed { get; init; }

    /// <summary>Gets how long the stop took to confirm, in seconds, or null.</summary>
    public double? StopConfirmS { get; init; }
}

/// <summary>A backend that was not generating when the measurement window opened.</summary>
internal sealed class UnhealthyBackendInfo
{
    /// <summary>Gets its port.</summary>
    public int? Port { get; init; }

    /// <summary>Gets the status it reported (ERROR, IDLE, ...).</summary>
    public string Status { get; init; } = string.Empty;

    /// <summary>Gets why, when the proxy says.</summary>
    public string? Detail { get; init; }
}

/// <summary>What POST /pow/init/generate answered.</summary>
internal sealed class ThroughputInit
{
    /// <summary>Gets how many backends accepted.</summary>
    public int? Backends { get; init; }

    /// <summary>Gets how many nonce groups were assigned.</summary>
    public int? NGroups { get; init; }

    /// <summary>Gets the backends' errors.</summary>
    public IReadOnlyList<string> Errors { get; init; } = [];
}
