using MlNode.Tasks.Common;

namespace MlNode.Tasks.Engine;

/// <summary>
/// One pipeline's view of a log it shares with others: every line starts with the pipeline's label
/// (<c>[node7 Qwen/Qwen3-32B-FP8] …</c>), so interleaved output stays attributable. The shared log writes each
/// line whole, so lines of two pipelines never mix within a line.
/// </summary>
internal sealed class LabelledRunLog : IRunLog
{
    private readonly IRunLog _inner;
    private readonly string _prefix;

    /// <summary>Creates the view.</summary>
    /// <param name="inner">The shared log.</param>
    /// <param name="label">What identifies the pipeline, without brackets.</param>
    public LabelledRunLog(IRunLog inner, string label)
    {
        ArgumentNullException.ThrowIfNull(inner);
        ArgumentException.ThrowIfNullOrWhiteSpace(label);
        _inner = inner;
        _prefix = $"[{label}] ";
        Label = label;
    }

    /// <summary>Gets the label.</summary>
    public string Label { get; }

    /// <inheritdoc />
    public void Line(string text) => _inner.Line(_prefix + text);

    /// <inheritdoc />
    public void Warning(string text) => _inner.Line(_prefix + "WARNING: " + text);

    /// <inheritdoc />
    public void Error(string text) => _inner.Line(_prefix + "ERROR: " + text);

    // A CI log group spans consecutive lines; pipelines that interleave cannot have one each, so they have none.
    /// <inheritdoc />
    public IDisposable Group(string title) => Closing.Nothing;
}
