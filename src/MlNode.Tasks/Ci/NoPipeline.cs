using MlNode.Tasks.Common;
using MlNode.Tasks.Running;

namespace MlNode.Tasks.Ci;

/// <summary>No CI system: nothing to do.</summary>
internal sealed class NoPipeline : IPipelineReporter
{
    /// <summary>Gets the instance.</summary>
    public static NoPipeline Instance { get; } = new();

    /// <inheritdoc />
    public string Name => "none";

    /// <inheritdoc />
    public IDisposable Group(string title) => Closing.Nothing;

    /// <inheritdoc />
    public void Publish(RunOutcome outcome)
    {
    }

    /// <inheritdoc />
    public void Error(string message)
    {
    }
}
