using System.Globalization;
using MlNode.Tasks.Common;
using MlNode.Tasks.Fleet.Documents;

namespace MlNode.Tasks.Fleet.Safety;

/// <summary>
/// Whether the chain's PoC schedule leaves room for a whole fleet run: not inside a PoC window, and the next one
/// further away than the run can last (its worst case) plus a margin. Fails closed: an unknown schedule refuses.
/// </summary>
internal static class PocWindow
{
    // The only phase between PoCs; every other phase (PoCGenerate, PoCValidate and their wind-downs, or one this
    // tool does not know) counts as PoC.
    private const string InferencePhase = "Inference";

    /// <summary>Why the run must not start now, or null when the schedule leaves room for it.</summary>
    /// <param name="reply">The Admin API's timing reply, or null when it has none.</param>
    /// <param name="worstCase">How long the run can take at most.</param>
    /// <param name="margin">Extra room before the next PoC.</param>
    public static string? RefusalReason(PocTimingReply? reply, TimeSpan worstCase, TimeSpan margin)
    {
        const string Fix = "; wait until after the PoC, or pass --ignore-safety to run anyway";
        if (reply is not { Available: true, Timing: { } timing })
        {
            return "the Admin API does not know when the next PoC starts (GET /admin/v1/poc/timing: not available), so the run could overlap it" + Fix;
        }

        if (!string.Equals(timing.CurrentPhase, InferencePhase, StringComparison.Ordinal))
        {
            return $"a PoC window is active (current_phase={timing.CurrentPhase ?? "unknown"}); validation would take nodes out of it" + Fix;
        }

        if (timing.ShouldBeOnline)
        {
            return $"nodes should be online for an imminent PoC (should_be_online=true, {Durations.Human(timing.SecondsUntilNextPoc ?? 0)} until it starts)" + Fix;
        }

        if (timing.SecondsUntilNextPoc is not { } seconds)
        {
            return "the Admin API does not say when the next PoC starts (no seconds_until_next_poc)" + Fix;
        }

        var needed = worstCase + margin;
        return seconds < needed.TotalSeconds
            ? string.Create(
                CultureInfo.InvariantCulture,
                $"the next PoC starts in {Durations.Human(seconds)}, sooner than this run can take at worst ({Durations.Human(worstCase.TotalSeconds)}) " +
                $"plus the --poc-margin of {Durations.Human(margin.TotalSeconds)}; shorten the run (--download-timeout, --deploy-timeout, " +
                $"--validation-timeout, fewer pairs or more --max-parallel){Fix}")
            : null;
    }
}
