using MlNode.Tasks.Common;
using MlNode.Tasks.Configuration;
using MlNode.Tasks.Judging;

namespace MlNode.Tasks.Reports;

/// <summary>
/// Decides a run's judgement from what the run verified: the one place where an interrupt, an error, a skipped
/// validation, the node's (checked) fraud test and the gates become a verdict, an exit code, a cause and a next step.
/// </summary>
internal static class RunJudge
{
    private const string InterruptedNext = "run again; the partial report is in the experiment folder";

    /// <summary>The judgement of <paramref name="report"/> as it stands (a running run is incomplete).</summary>
    public static Judgement Of(RunReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        if (report.Interrupted)
        {
            return new Judgement(Verdict.Interrupted)
            {
                Cause = new JudgedCause("interrupted", report.Error ?? "Ctrl-C / SIGTERM"),
                NextStep = InterruptedNext,
            };
        }

        if (report.Error is { } error)
        {
            var (cause, next) = FailureText.Split(error);
            return new Judgement(Verdict.Error)
            {
                Cause = new JudgedCause(report.ErrorPhase is { } phase ? $"{phase.Key()} failed" : "error", cause),
                NextStep = next,
            };
        }

        if (!report.IsFinished)
        {
            return new Judgement(Verdict.Incomplete);
        }

        var judged = report.Validated
            ? Validation(report.Validation, report.Settings.StatTest.Parameters.DistThreshold)
            : new Judgement(Verdict.Skipped)
            {
                Cause = new JudgedCause("validation skipped", report.Phases[Phase.Validate].Reason ?? "the validate phase did not run"),
            };
        return WithGates(judged, report);
    }

    /// <summary>
    /// The judgement of a coherent validation reply (and of the node's own vectors or scores where they were checked):
    /// the verdict of the chain's rule, the counts, and the pattern of the mismatches. Used for the validate phase's
    /// line before the run ends, and by <see cref="Of"/>.
    /// </summary>
    public static Judgement Validation(ValidationSection validation, double threshold)
    {
        ArgumentNullException.ThrowIfNull(validation);
        var verdict = Verdict.Judged(validation.FraudDetected, validation.HasMismatches);
        if (validation.Decode is { } decode)
        {
            var pattern = decode.Cause();
            return new Judgement(verdict)
            {
                Counts = new JudgedCounts(validation.NMismatch, validation.NTotal, threshold, validation.PValue,
                    "as the node's own per_nonce scores say (nothing independent of the node was checked)", "τ "),
                Cause = pattern is null ? null : new JudgedCause(pattern.Kind, pattern.Sentence),
                NextStep = pattern?.NextStep,
            };
        }

        var basis = validation.Local is not null ? "verified against the node's own vectors" : "on the node's word (its vectors were not checked)";
        return new Judgement(verdict)
        {
            Counts = new JudgedCounts(validation.NMismatch, validation.NTotal, threshold, validation.PValue, basis),
            Cause = validation.Anatomy is { } anatomy ? new JudgedCause(anatomy.Kind, anatomy.Sentence) : null,
            NextStep = validation.Anatomy?.NextStep,
        };
    }

    private static Judgement WithGates(Judgement judged, RunReport report)
    {
        if (!report.Settings.Gates.Any)
        {
            return judged;
        }

        var settings = report.Settings;
        var failed = report.Gates.Where(g => !g.Passed).ToList();
        var note = settings.Gates.BaselineNote is { } n ? $" ({n})"
            : settings.Gates.Baseline is { } b ? $" (baseline: {OutsideText.LogLine(References.ReferenceCatalog.Relative(b.Path, settings.RepositoryRoot))})"
            : string.Empty;
        var text = failed.Count == 0 ? $"PASS{note}" : $"FAIL ({string.Join("; ", failed.Select(g => g.Text))}){note}";
        if (failed.Count == 0 || judged.Verdict.ExitCode != ExitCodes.Pass)
        {
            return judged with { Gate = failed.Count == 0 ? GateOutcome.Passed : GateOutcome.Failed, GateText = text };
        }

        return judged with
        {
            Gate = GateOutcome.Failed,
            GateText = text,
            Cause = new JudgedCause("gate", string.Join("; ", failed.Select(g => $"{g.Text} ({g.Detail})")) + note),
            NextStep = "the verdict passed but the node is slower than the gate: check its GPUs and replicas (the per-replica rates are in the report)",
        };
    }
}
