namespace MlNode.Tasks.Reports;

/// <summary>Where a phase stands in the report.</summary>
internal enum PhaseState
{
    /// <summary>Not reached yet.</summary>
    Pending,

    /// <summary>Running now (a report left in this state belongs to a run that was killed).</summary>
    Running,

    /// <summary>Finished successfully.</summary>
    Completed,

    /// <summary>Did not run, by flag or task plan.</summary>
    Skipped,

    /// <summary>Failed with an error.</summary>
    Failed,

    /// <summary>Interrupted by Ctrl-C or SIGTERM.</summary>
    Interrupted,
}

/// <summary>A phase's state, skip reason and duration.</summary>
internal sealed class PhaseRecord
{
    /// <summary>Gets or sets the state.</summary>
    public PhaseState State { get; set; } = PhaseState.Pending;

    /// <summary>Gets or sets why it was skipped, or the error that ended it.</summary>
    public string? Reason { get; set; }

    /// <summary>Gets or sets how long it ran.</summary>
    public double? ElapsedSeconds { get; set; }

    /// <summary>Gets or sets when it started running (for the live view's clock), or null.</summary>
    public DateTimeOffset? StartedAt { get; set; }
}
