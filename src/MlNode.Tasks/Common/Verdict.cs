namespace MlNode.Tasks.Common;

/// <summary>Which verdict: the value a switch over every verdict is exhaustive on (the compiler names a missing one).</summary>
internal enum VerdictKind
{
    /// <summary>See <see cref="Verdict.Pass"/>.</summary>
    Pass,

    /// <summary>See <see cref="Verdict.PassWithMismatches"/>.</summary>
    PassWithMismatches,

    /// <summary>See <see cref="Verdict.Fail"/>.</summary>
    Fail,

    /// <summary>See <see cref="Verdict.Skipped"/>.</summary>
    Skipped,

    /// <summary>See <see cref="Verdict.Error"/>.</summary>
    Error,

    /// <summary>See <see cref="Verdict.Interrupted"/>.</summary>
    Interrupted,

    /// <summary>See <see cref="Verdict.Incomplete"/>.</summary>
    Incomplete,
}

/// <summary>The outcome of a run, as the first line of the text report states it.</summary>
internal sealed record Verdict(string Text, int ExitCode, VerdictKind Kind)
{
    /// <summary>Validation ran: no mismatch, no fraud.</summary>
    public static Verdict Pass { get; } = new("PASS", ExitCodes.Pass, VerdictKind.Pass);

    /// <summary>Validation ran: mismatches within the stat test's tolerance, no fraud. Still a pass.</summary>
    public static Verdict PassWithMismatches { get; } = new("PASS (with mismatches within stat-test tolerance)", ExitCodes.Pass, VerdictKind.PassWithMismatches);

    /// <summary>Validation ran and the fraud test fired.</summary>
    public static Verdict Fail { get; } = new("FAIL (fraud_detected)", ExitCodes.Fraud, VerdictKind.Fail);

    /// <summary>Validation did not run, so there is no fraud verdict to fail on.</summary>
    public static Verdict Skipped { get; } = new("validation skipped", ExitCodes.Pass, VerdictKind.Skipped);

    /// <summary>A hard error ended the run before a verdict.</summary>
    public static Verdict Error { get; } = new("ERROR", ExitCodes.Error, VerdictKind.Error);

    /// <summary>The run was interrupted.</summary>
    public static Verdict Interrupted { get; } = new("INTERRUPTED", ExitCodes.Interrupted, VerdictKind.Interrupted);

    /// <summary>The run has not finished (a report read while it runs, or left by a killed process).</summary>
    public static Verdict Incomplete { get; } = new("INCOMPLETE (the run has not finished)", ExitCodes.Error, VerdictKind.Incomplete);

    /// <summary>Gets every verdict this tool writes.</summary>
    public static IReadOnlyList<Verdict> All { get; } = [Pass, PassWithMismatches, Fail, Skipped, Error, Interrupted, Incomplete];

    /// <summary>The verdict of a coherent validation reply: the fraud test decides, mismatches within tolerance are said.</summary>
    /// <param name="fraudDetected">Whether the fraud test fired.</param>
    /// <param name="hasMismatches">Whether any nonce was beyond the threshold.</param>
    public static Verdict Judged(bool fraudDetected, bool hasMismatches) =>
        fraudDetected ? Fail : hasMismatches ? PassWithMismatches : Pass;

    /// <summary>Gets whether the fraud test passed (clean, or with mismatches within tolerance).</summary>
    public bool Passed => this == Pass || this == PassWithMismatches;

    /// <summary>Gets the contract's short label (PASS, PASS-with-mismatches, FAIL, validation skipped, ...).</summary>
    public string Label => this == PassWithMismatches ? "PASS-with-mismatches" : this == Fail ? "FAIL" : Text;
}
