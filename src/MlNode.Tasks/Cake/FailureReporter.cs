using Cake.Core;
using MlNode.Tasks.Ci;
using MlNode.Tasks.Common;
using MlNode.Tasks.Running;

namespace MlNode.Tasks.Cake;

/// <summary>
/// Turns what ended a task or a run into what people and CI systems see: one <c>ERROR:</c> line (never a stack
/// trace), the exit code it means, an annotation, and the published outcome. A CI system that refuses a summary or
/// an annotation must not change the run's outcome: that becomes a warning.
/// </summary>
internal sealed class FailureReporter(IRunLog log, IPipelineReporter pipeline, SecretRedactor redactor)
{
    /// <summary>Prints the error line(s) and returns the exit code the error means.</summary>
    public int Print(Exception error)
    {
        var failure = Failure.Of(error);
        log.Error(failure.Message);
        if (failure.Detail is not null)
        {
            log.Lines(failure.Detail);
        }

        return failure.ExitCode;
    }

    /// <summary>Raises the CI system's error annotation.</summary>
    /// <summary>
    /// How a failure ends the invocation: printed as its one ERROR line, annotated on the CI system, and its exit code
    /// (0 when there was none).
    /// </summary>
    public int Report(Exception? error)
    {
        if (error is null)
        {
            return ExitCodes.Pass;
        }

        var code = Print(error);
        Annotate(error.Message);
        return code;
    }

    public void Annotate(string message)
    {
        try
        {
            pipeline.Error(redactor.Redact(message));
        }
        catch (Exception ex) when (ex is CakeException or IOException)
        {
            log.Warning($"could not annotate {pipeline.Name}: {ex.Message}");
        }
    }

    /// <summary>Publishes a finished run to the CI system (summary, outputs, and an annotation unless it passed).</summary>
    public void Publish(RunOutcome outcome)
    {
        try
        {
            pipeline.Publish(outcome);
            if (outcome.ExitCode != ExitCodes.Pass)
            {
                pipeline.Error(outcome.Error ?? "MLNode validation " + outcome.Report.Judgement.Headline);
            }
        }
        catch (Exception ex) when (ex is CakeException or IOException or UnauthorizedAccessException or ArgumentException)
        {
            log.Warning($"could not publish the results to {pipeline.Name}: {ex.Message}");
        }
    }

    /// <summary>The error inside Cake's and the task runner's wrappers.</summary>
    public static Exception? Unwrap(Exception? error)
    {
        while (error is AggregateException { InnerExceptions.Count: 1 } aggregate)
        {
            error = aggregate.InnerExceptions[0];
        }

        while (error is CakeException { InnerException: { } inner })
        {
            error = inner;
        }

        return error;
    }
}
