using MlNode.Tasks.Common;

namespace MlNode.Tasks.Judging;

/// <summary>
/// The one judgement of a run, a fleet pair, a CrossCheck cell or a comparison: the verdict, the counts it rests on,
/// the cause, the next step and the gate, decided once by the code that verifies (<c>Reports/RunJudge</c> for a run,
/// <c>CrossCheck/CrossCellJudge</c> for a cell). Every surface (console, text, JSON, page, JUnit, CI, fleet and CrossCheck files, metrics,
/// the addin) renders these values and decides nothing.
/// </summary>
internal sealed record Judgement
{
    /// <summary>Creates a judgement of <paramref name="verdict"/>.</summary>
    public Judgement(Verdict verdict) => Verdict = verdict;

    /// <summary>Gets the verdict (the chain's rule, never reworded by a surface).</summary>
    public Verdict Verdict { get; }

    /// <summary>Gets the counts the verdict rests on, or null when no validation was judged.</summary>
    public JudgedCounts? Counts { get; init; }

    /// <summary>Gets why, or null for a clean pass.</summary>
    public JudgedCause? Cause { get; init; }

    /// <summary>Gets what to do next, or null when nothing is to be done.</summary>
    public string? NextStep { get; init; }

    /// <summary>Gets whether the throughput gates held.</summary>
    public GateOutcome Gate { get; init; } = GateOutcome.NotAsked;

    /// <summary>Gets the gates' line ("min-throughput: 80.00 n/s vs 100.00 n/s" for a failure), or null without gates.</summary>
    public string? GateText { get; init; }

    /// <summary>Gets the exit code: the verdict's, or 3 when the verdict passed (or validation was skipped) and a gate failed.</summary>
    public int ExitCode => Verdict.ExitCode == ExitCodes.Pass && Gate == GateOutcome.Failed ? ExitCodes.Gate : Verdict.ExitCode;

    /// <summary>Gets whether the gates failed on a run whose verdict alone would pass.</summary>
    public bool GateFailed => ExitCode == ExitCodes.Gate;

    /// <summary>Gets the one label of this combination: PASS, PASS-with-mismatches, FAIL, ERROR, ..., or "PASS, gate FAILED".</summary>
    public string Label => GateFailed ? $"{Verdict.Label}, gate FAILED" : Verdict.Label;

    /// <summary>Gets the style every page paints the label with: pass, mismatches, gate, fail, skipped or error.</summary>
    public string Style =>
        GateFailed ? "gate"
        : Verdict == Verdict.Pass ? "pass"
        : Verdict == Verdict.PassWithMismatches ? "mismatches"
        : Verdict == Verdict.Fail ? "fail"
        : Verdict == Verdict.Skipped ? "skipped"
        : "error";

    /// <summary>Gets the whole judgement in one line: "FAIL — 15 of 32 nonces beyond 0.2 (p 1.0e-17); sparse far: ... Next: ...".</summary>
    public string Headline => Label + (Because is { } because ? " — " + because : string.Empty) + (NextStep is { } next ? " Next: " + next : string.Empty);

    /// <summary>Gets the counts and the cause without the label ("15 of 32 nonces beyond 0.2 (p 1.0e-17); sparse far: ..."), or null.</summary>
    public string? Because => (Counts, Cause?.Line) switch
    {
        (null, null) => null,
        ({ } counts, null) => Evidence(counts),
        (null, { } cause) => cause,
        ({ } counts, { } cause) => $"{Evidence(counts)}; {cause}",
    };

    /// <summary>Gets the cause in a table cell's width: the counts and the pattern's kind, or a failure's first words.</summary>
    public string? Brief
    {
        get
        {
            if (GateFailed)
            {
                return $"gate FAILED: {GateText}";
            }

            var cause = Cause is null ? null : Counts is null ? Cut(Cause.Line, 160) : Cause.Kind;
            return (Counts?.Brief, cause) switch
            {
                (null, null) => null,
                ({ } counts, null) => counts,
                (null, { } c) => c,
                ({ } counts, { } c) => $"{counts}: {c}",
            };
        }
    }

    private static string Evidence(JudgedCounts counts) => counts.Line + (counts.Basis is { } basis ? ", " + basis : string.Empty);

    private static string Cut(string text, int length) => text.Length <= length ? text : string.Concat(text.AsSpan(0, length - 1), "…");
}
