namespace MlNode.Tasks.Common;

/// <summary>
/// Where a run's human-readable lines go. Every implementation masks registered secrets; CI-aware ones also
/// fold a phase's lines into a collapsible group.
/// </summary>
internal interface IRunLog
{
    /// <summary>Writes a line: one line, whatever it carries (newlines and other control characters are shown escaped).</summary>
    void Line(string text);

    /// <summary>Writes a block of the tool's own lines (a table, the summary), each as a <see cref="Line"/>.</summary>
    void Lines(string block)
    {
        ArgumentNullException.ThrowIfNull(block);
        foreach (var line in block.TrimEnd().Split('\n'))
        {
            Line(line.TrimEnd('\r'));
        }
    }

    /// <summary>Writes a warning line (<c>WARNING: …</c>).</summary>
    void Warning(string text);

    /// <summary>Writes an error line (<c>ERROR: …</c>).</summary>
    void Error(string text);

    /// <summary>Opens a group of lines (a CI log section); disposing closes it.</summary>
    IDisposable Group(string title);
}
