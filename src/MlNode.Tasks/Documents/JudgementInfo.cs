namespace MlNode.Tasks.Documents;

/// <summary>
/// The run's (or a pair's, or a cell's) one judgement as a document: what every surface shows, so a reader of the file
/// (FleetReport, a dashboard, a script) renders the same words without deciding anything.
/// </summary>
internal sealed class JudgementInfo
{
    /// <summary>Gets the verdict's label: PASS, PASS-with-mismatches, FAIL, validation skipped, ERROR, INTERRUPTED or INCOMPLETE.</summary>
    public string Verdict { get; init; } = string.Empty;

    /// <summary>Gets the one label of the verdict and the gate ("PASS, gate FAILED").</summary>
    public string Label { get; init; } = string.Empty;

    /// <summary>Gets the exit code this judgement means (0, 1, 2, 3 or 130).</summary>
    public int ExitCode { get; init; }

    /// <summary>Gets the counts the verdict rests on, or null when no validation was judged.</summary>
    public JudgedCountsInfo? Counts { get; init; }

    /// <summary>Gets the cause's kind (sparse far, near ties, deploy failed, gate, ...), or null for a clean pass.</summary>
    public string? CauseKind { get; init; }

    /// <summary>Gets the cause in one sentence, or null for a clean pass.</summary>
    public string? Cause { get; init; }

    /// <summary>Gets the next step, or null when there is none.</summary>
    public string? NextStep { get; init; }

    /// <summary>Gets not_asked, passed or failed.</summary>
    public string Gate { get; init; } = "not_asked";

    /// <summary>Gets the gates' line, or null without gates.</summary>
    public string? GateText { get; init; }

    /// <summary>Gets the whole judgement in one line, as the console, the page's banner and JUnit say it.</summary>
    public string Headline { get; init; } = string.Empty;

    /// <summary>Gets the cause in a table cell's width, as the fleet and CrossCheck tables say it.</summary>
    public string? Brief { get; init; }
}

/// <summary>The counts a verdict rests on.</summary>
internal sealed class JudgedCountsInfo
{
    /// <summary>Gets the nonces beyond the threshold.</summary>
    public int NMismatch { get; init; }

    /// <summary>Gets the nonces judged.</summary>
    public int NTotal { get; init; }

    /// <summary>Gets dist_threshold (prefill) or τ (decode).</summary>
    public double Threshold { get; init; }

    /// <summary>Gets the binomial tail, or null when it is not known.</summary>
    public double? PValue { get; init; }

    /// <summary>Gets what the counts rest on (verified vectors, the node's word, its per_nonce scores), or null.</summary>
    public string? Basis { get; init; }
}
