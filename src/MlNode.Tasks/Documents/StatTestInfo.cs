namespace MlNode.Tasks.Documents;

/// <summary>The stat test triple a run used, and where each value came from (server-default, reference, cli).</summary>
internal sealed class StatTestInfo
{
    /// <summary>Gets the values.</summary>
    public StatTestTriple<double> Values { get; init; } = new();

    /// <summary>Gets each value's source.</summary>
    public StatTestTriple<string> Source { get; init; } = new();
}

/// <summary>One value per key of the stat test.</summary>
/// <typeparam name="T">The value type.</typeparam>
internal sealed class StatTestTriple<T>
{
    /// <summary>Gets dist_threshold's.</summary>
    public T? DistThreshold { get; init; }

    /// <summary>Gets p_mismatch's.</summary>
    public T? PMismatch { get; init; }

    /// <summary>Gets fraud_threshold's.</summary>
    public T? FraudThreshold { get; init; }
}
