using MlNode.Tasks.Common;

namespace MlNode.Tasks.Ci;

/// <summary>A run log whose groups are the CI system's collapsible groups.</summary>
internal sealed class PipelineLog(IRunLog inner, IPipelineReporter pipeline) : IRunLog
{
    /// <inheritdoc />
    public void Line(string text) => inner.Line(text);

    /// <inheritdoc />
    public void Warning(string text) => inner.Warning(text);

    /// <inheritdoc />
    public void Error(string text) => inner.Error(text);

    /// <inheritdoc />
    public IDisposable Group(string title)
    {
        var group = pipeline.Group(title);
        var innerGroup = inner.Group(title);
        return new Closing(() =>
        {
            innerGroup.Dispose();
            group.Dispose();
        });
    }
}
