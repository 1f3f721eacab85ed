using MlNode.Tasks.Common;
using MlNode.Tasks.Judging;
using MlNode.Tasks.Verification;

namespace MlNode.Tasks.CrossCheck;

/// <summary>
/// Decides a CrossCheck cell's judgement: the validator's (checked) fraud test is the verdict, as on chain, but the
/// words fit what a cross-hardware comparison can show. Between two hardware classes a far subset is the classes
/// disagreeing, not proof of substitution: that pattern is named only between sources of one class.
/// </summary>
internal static class CrossCellJudge
{
    /// <summary>The kind a far subset gets between hardware classes.</summary>
    public const string ClassesDisagree = "classes disagree";

    /// <summary>The judgement of <paramref name="cell"/>.</summary>
    /// <param name="cell">The cell as the runner verified it.</param>
    /// <param name="threshold">dist_threshold (prefill) or τ (decode).</param>
    /// <param name="thresholdName">Empty under prefill, "τ " under decode.</param>
    /// <param name="generatorClass">The generator's hardware class (the golden's: its recording, a class of its own).</param>
    /// <param name="validatorClass">The validator's hardware class.</param>
    public static Judgement Of(CrossCell cell, double threshold, string thresholdName, string generatorClass, string validatorClass)
    {
        ArgumentNullException.ThrowIfNull(cell);
        if (cell.Status is CrossCellStatus.Error or CrossCellStatus.Interrupted)
        {
            var (cause, next) = FailureText.Split(cell.Error ?? "not judged");
            return new Judgement(cell.Status == CrossCellStatus.Interrupted ? Verdict.Interrupted : Verdict.Error)
            {
                Cause = new JudgedCause(cell.Status == CrossCellStatus.Interrupted ? "interrupted" : "not judged", cause),
                NextStep = next,
            };
        }

        var mismatches = cell.NMismatch ?? 0;
        var verdict = Verdict.Judged(cell.Status == CrossCellStatus.Fail, mismatches > 0);
        var counts = new JudgedCounts(mismatches, cell.NTotal ?? 0, threshold, cell.PValue ?? double.NaN,
            cell.JudgedBy == CrossCell.ByNode ? "judged by the validator node" : "judged here on the recorded vectors", thresholdName);
        if (cell.Anatomy is not { } anatomy)
        {
            return new Judgement(verdict) { Counts = counts };
        }

        if (!string.Equals(generatorClass, validatorClass, StringComparison.Ordinal) && anatomy.Kind is MismatchAnatomy.SparseFar or MismatchAnatomy.Scattered)
        {
            return new Judgement(verdict)
            {
                Counts = counts,
                Cause = new JudgedCause(ClassesDisagree, $"{generatorClass} and {validatorClass} disagree on {mismatches} of {cell.NTotal} nonces " +
                    "(between two hardware classes a far subset is a disagreement to calibrate, not evidence that either side skipped the work)"),
                NextStep = "validate each class against a reference baked on its own class, or set the threshold from this matrix's distances",
            };
        }

        return new Judgement(verdict)
        {
            Counts = counts,
            Cause = new JudgedCause(anatomy.Kind, anatomy.Sentence),
            NextStep = anatomy.NextStep,
        };
    }
}
