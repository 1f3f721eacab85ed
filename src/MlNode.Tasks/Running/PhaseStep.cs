using MlNode.Tasks.Common;
using MlNode.Tasks.Configuration;
using MlNode.Tasks.Reports;

namespace MlNode.Tasks.Running;

/// <summary>
/// Runs one phase the way every job prints it: <c>[i/4] phase: skipped (why)</c>, or the header, the phase's own
/// lines and its result line; an interrupt becomes <see cref="RunInterruptedException"/>. State changes are
/// reported to an optional observer (the validation run persists its report there).
/// </summary>
internal static class PhaseStep
{
    public static async Task RunAsync(
        Phase phase,
        PhaseDecision decision,
        string header,
        IRunLog log,
        CancellationToken interrupt,
        Func<Task> body,
        Func<string?> result,
        Action<PhaseState, string?> observe)
    {
        if (!decision.Runs)
        {
            log.Line($"{phase.Header()}: skipped ({decision.Reason})");
            observe(PhaseState.Skipped, decision.Reason);
            return;
        }

        using var group = log.Group($"{phase.Header()}: {header}");
        log.Line($"{phase.Header()}: {header}");
        observe(PhaseState.Running, null);
        try
        {
            await body().ConfigureAwait(false);
        }
        catch (OperationCanceledException ex) when (interrupt.IsCancellationRequested)
        {
            observe(PhaseState.Interrupted, null);
            throw new RunInterruptedException($"interrupted during {phase.Header()} (Ctrl-C / SIGTERM); the partial report was written", ex);
        }
        catch (Exception ex) when (ex is not FraudDetectedException)
        {
            observe(PhaseState.Failed, null);
            throw;
        }

        observe(PhaseState.Completed, null);
        // A result may take several lines (a verdict, why, next): each is its own log line, never an escaped newline.
        foreach (var line in result()?.Split('\n') ?? [])
        {
            log.Line(line);
        }
    }
}
