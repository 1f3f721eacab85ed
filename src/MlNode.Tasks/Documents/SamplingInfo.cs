namespace MlNode.Tasks.Documents;

/// <summary>How throughput is sampled, in seconds.</summary>
internal sealed class SamplingInfo
{
    /// <summary>Gets the warm-up before sampling.</summary>
    public double WarmupSeconds { get; init; }

    /// <summary>Gets the measurement window.</summary>
    public double MeasureSeconds { get; init; }

    /// <summary>Gets the interval between samples.</summary>
    public double SampleInterval { get; init; }
}
