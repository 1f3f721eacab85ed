using MlNode.Tasks.Running;

namespace MlNode.Tasks.Ci;

/// <summary>
/// What a CI system is told about a run: each phase's log lines as a collapsible group, the outcome in the form
/// the system understands (job summary, step outputs, published JUnit, statistics), and an error annotation.
/// </summary>
internal interface IPipelineReporter
{
    /// <summary>Gets the CI system's name, for the log.</summary>
    string Name { get; }

    /// <summary>Opens a log group; disposing closes it.</summary>
    IDisposable Group(string title);

    /// <summary>Publishes a finished run.</summary>
    /// <param name="outcome">How the run ended.</param>
    void Publish(RunOutcome outcome);

    /// <summary>Raises an error annotation for a run or task that failed.</summary>
    void Error(string message);

    /// <summary>Publishes a finished fleet run (job summary and step outputs where the CI system has them).</summary>
    /// <param name="run">The fleet run.</param>
    void PublishFleet(Fleet.FleetRun run)
    {
    }

    /// <summary>Publishes a cross-check's summary and outputs, where the CI system has a place for them.</summary>
    void PublishCrossCheck(CrossCheck.CrossCheckRun run)
    {
    }
}
