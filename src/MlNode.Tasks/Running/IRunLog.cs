namespace MlNode.Tasks.Running;

/// <summary>
/// Where a run's human-readable lines go. Every implementation masks registered secrets; CI-aware ones also
/// fold a phase's lines into a collapsible group.
/// </summary>
public interface IRunLog
{
    /// <summary>Writes a line.</summary>
    void Line(string text);

    /// <summary>Writes a warning line (<c>WARNING: …</c>).</summary>
    void Warning(string text);

    /// <summary>Writes an error line (<c>ERROR: …</c>).</summary>
    void Error(string text);

    /// <summary>Opens a group of lines (a CI log section); disposing closes it.</summary>
    IDisposable Group(string title);
}
