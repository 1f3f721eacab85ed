namespace MlNode.Tasks.Cake;

/// <summary>
/// The build's two output streams, given to it rather than taken from a swapped <c>Console.Out</c>: human lines go
/// to standard output, or to standard error when --output=json keeps standard output for the report alone.
/// </summary>
internal sealed class BuildConsole
{
    public BuildConsole(TextWriter standardOutput, TextWriter standardError, bool json)
    {
        Human = json ? standardError : standardOutput;
        Json = json ? standardOutput : null;
    }

    /// <summary>Gets where human-readable lines go.</summary>
    public TextWriter Human { get; }

    /// <summary>Gets where the report JSON goes, or null when it was not asked for.</summary>
    public TextWriter? Json { get; }

    public void Flush()
    {
        Json?.Flush();
        Human.Flush();
    }
}
