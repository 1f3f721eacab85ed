using MlNode.Tasks.Common;
using MlNode.Tasks.Documents;

namespace MlNode.Tasks.Judging;

/// <summary>A judgement to its document and back: the one mapping for the report, the fleet and CrossCheck files.</summary>
internal static class JudgementDocument
{
    /// <summary>The document of <paramref name="judgement"/>.</summary>
    public static JudgementInfo Of(Judgement judgement)
    {
        ArgumentNullException.ThrowIfNull(judgement);
        return new JudgementInfo
        {
            Verdict = judgement.Verdict.Label,
            Label = judgement.Label,
            ExitCode = judgement.ExitCode,
            Counts = judgement.Counts is { } c ? new JudgedCountsInfo
            {
                NMismatch = c.NMismatch,
                NTotal = c.NTotal,
                Threshold = c.Threshold,
                PValue = double.IsFinite(c.PValue) ? c.PValue : null,
                Basis = c.Basis,
            } : null,
            CauseKind = judgement.Cause?.Kind,
            Cause = judgement.Cause?.Sentence,
            NextStep = judgement.NextStep,
            Gate = judgement.Gate switch
            {
                GateOutcome.Passed => "passed",
                GateOutcome.Failed => "failed",
                _ => "not_asked",
            },
            GateText = judgement.GateText,
            Headline = judgement.Headline,
            Brief = judgement.Brief,
        };
    }

    /// <summary>
    /// The judgement a document states, or null when it names a verdict or gate this tool never writes or an exit code
    /// that does not follow from them (a reader then has nothing it can believe).
    /// </summary>
    public static Judgement? Read(JudgementInfo? info, string thresholdName = "")
    {
        if (info is null || Verdict.All.FirstOrDefault(v => v.Label == info.Verdict) is not { } verdict)
        {
            return null;
        }

        GateOutcome? gate = info.Gate switch
        {
            "passed" => GateOutcome.Passed,
            "failed" => GateOutcome.Failed,
            "not_asked" => GateOutcome.NotAsked,
            _ => null,
        };
        if (gate is null)
        {
            return null;
        }

        var judgement = new Judgement(verdict)
        {
            Counts = info.Counts is { } c ? new JudgedCounts(c.NMismatch, c.NTotal, c.Threshold, c.PValue ?? double.NaN, c.Basis, thresholdName) : null,
            Cause = info.CauseKind is { } kind ? new JudgedCause(kind, info.Cause ?? string.Empty) : null,
            NextStep = info.NextStep,
            Gate = gate.Value,
            GateText = info.GateText,
        };
        return judgement.ExitCode == info.ExitCode ? judgement : null;
    }
}
