namespace MlNode.Tasks.Judging;

/// <summary>
/// Reads a failure's one line as a cause and a next step. The tool's messages state the fix after " -- " (or "; run
/// again", "; pass ..."), so the sentence before it is the cause and the rest is the next step.
/// </summary>
internal static class FailureText
{
    private const string Separator = " -- ";

    /// <summary>Splits <paramref name="message"/> into its cause and its next step (null when the message names none).</summary>
    public static (string Cause, string? NextStep) Split(string message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var at = message.LastIndexOf(Separator, StringComparison.Ordinal);
        return at <= 0 ? (message, null) : (message[..at].TrimEnd(';', ' '), message[(at + Separator.Length)..].Trim());
    }
}
