namespace MlNode.Tasks.Client;

/// <summary>The retry budgets of <see cref="ResiliencePipelines"/>, each written once.</summary>
internal static class RetryConstants
{
    /// <summary>Retries of an idempotent read (status polls, Admin API reads) on a transient failure.</summary>
    public const int ReadRetries = 6;

    /// <summary>Retries of a state-changing POST, only when it provably never reached the node.</summary>
    public const int CommandRetries = 3;

    /// <summary>Retries of the validation call, only when its connection closed before any answer.</summary>
    public const int ValidationRetries = 1;

    /// <summary>Gets the first delay of a read's exponential backoff (with jitter).</summary>
    public static TimeSpan ReadDelay { get; } = TimeSpan.FromMilliseconds(250);

    /// <summary>Gets the longest delay between two reads.</summary>
    public static TimeSpan ReadMaxDelay { get; } = TimeSpan.FromSeconds(8);

    /// <summary>Gets the first delay of a command's exponential backoff.</summary>
    public static TimeSpan CommandDelay { get; } = TimeSpan.FromMilliseconds(500);
}
