namespace MlNode.Tasks.CrossCheck.Documents;

/// <summary>How far two sources' vectors are apart, nonce by nonce, against the threshold.</summary>
internal sealed record CrossDistanceEntry
{
    /// <summary>Gets one source (a node id or <c>golden</c>).</summary>
    public string First { get; init; } = string.Empty;

    /// <summary>Gets the other.</summary>
    public string Second { get; init; } = string.Empty;

    /// <summary>Gets how many nonces both hold.</summary>
    public int Compared { get; init; }

    /// <summary>Gets the median L2 distance.</summary>
    public double? Median { get; init; }

    /// <summary>Gets the 99th percentile.</summary>
    public double? P99 { get; init; }

    /// <summary>Gets the largest distance.</summary>
    public double? Max { get; init; }

    /// <summary>Gets the dist_threshold compared against.</summary>
    public double Threshold { get; init; }

    /// <summary>Gets how many nonces are farther apart than the threshold.</summary>
    public int AboveThreshold { get; init; }

    /// <summary>Gets those nonces.</summary>
    public IReadOnlyList<long> AboveNonces { get; init; } = [];
}
