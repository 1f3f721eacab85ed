using MlNode.Tasks.Common;
using MlNode.Tasks.Configuration;

namespace MlNode.Tasks.Reports;

/// <summary>
/// The state of one run as the report describes it: the settings, each phase's record and results, warnings,
/// and how the run ended. Updated as phases progress and written out after every change.
/// </summary>
internal sealed class RunReport
{
    /// <summary>Creates the report of a run that starts now.</summary>
    /// <param name="settings">The run's settings.</param>
    /// <param name="experimentDirectory">The experiment folder (absolute).</param>
    /// <param name="startedAt">When the run started.</param>
    /// <param name="redactor">The secrets registry the settings were resolved with: every file and line of the report goes through it.</param>
    public RunReport(RunSettings settings, string experimentDirectory, DateTimeOffset startedAt, SecretRedactor redactor)
    {
        Settings = settings;
        Redactor = redactor;
        ExperimentDirectory = experimentDirectory;
        StartedAt = startedAt;
        foreach (var phase in PhaseNames.InOrder)
        {
            Phases[phase] = new PhaseRecord();
        }
    }

    /// <summary>Gets the settings.</summary>
    public RunSettings Settings { get; }

    /// <summary>Gets the secrets registry every rendering of the report goes through.</summary>
    public SecretRedactor Redactor { get; }

    /// <summary>Gets the experiment folder (absolute).</summary>
    public string ExperimentDirectory { get; }

    /// <summary>Gets when the run started.</summary>
    public DateTimeOffset StartedAt { get; }

    /// <summary>Gets or sets when the run finished, or null while it runs.</summary>
    public DateTimeOffset? FinishedAt { get; set; }

    /// <summary>Gets the phase records.</summary>
    public Dictionary<Phase, PhaseRecord> Phases { get; } = [];

    /// <summary>Gets the download results.</summary>
    public DownloadSection Download { get; } = new();

    /// <summary>Gets the deploy results.</summary>
    public DeploySection Deploy { get; } = new();

    /// <summary>Gets the throughput results.</summary>
    public ThroughputSection Throughput { get; } = new();

    /// <summary>Gets the validation results.</summary>
    public ValidationSection Validation { get; } = new();

    /// <summary>Gets or sets who the node is, as it reported itself when the run started (null until asked).</summary>
    public Documents.NodeIdentityInfo? Node { get; set; }

    /// <summary>Gets the warnings raised during the run.</summary>
    public List<string> Warnings { get; } = [];

    /// <summary>Gets or sets the one-line error that ended the run, or null.</summary>
    public string? Error { get; set; }

    /// <summary>Gets or sets the phase the error happened in, or null.</summary>
    public Phase? ErrorPhase { get; set; }

    /// <summary>Gets or sets diagnostic detail for an unexpected (internal) error, kept out of the console.</summary>
    public string? ErrorDetail { get; set; }

    /// <summary>Gets or sets whether the run was interrupted.</summary>
    public bool Interrupted { get; set; }

    /// <summary>Gets whether the run has finished.</summary>
    public bool IsFinished => FinishedAt is not null;

    /// <summary>Gets the outcomes of the throughput gates asked for (empty without gates).</summary>
    public List<GateResult> Gates { get; } = [];

    /// <summary>Gets the run's judgement as it stands: decided by <see cref="RunJudge"/>, rendered by every surface.</summary>
    public Judging.Judgement Judgement => RunJudge.Of(this);

    /// <summary>Gets the exit code (the judgement's).</summary>
    public int ExitCode => Judgement.ExitCode;

    /// <summary>
    /// Gets whether the deploy args reached vLLM, as far as this run knows: false only when deploy found vLLM already
    /// running (and left it) or was skipped; a deploy that failed or was not reached says nothing either way.
    /// </summary>
    public bool DeployArgsApplied => Phases[Phase.Deploy].State is not (PhaseState.Completed or PhaseState.Skipped) || Deploy.Applied;

    /// <summary>The gate line of the summary: "gate: PASS" or "gate: FAIL (min-throughput: 80.00 n/s vs 100.00 n/s)"; null without gates.</summary>
    public string? GateLine => Judgement.GateText is { } gate ? "gate: " + gate : null;

    /// <summary>Gets the phase running now, if any.</summary>
    public Phase? CurrentPhase => Phases.Where(p => p.Value.State == PhaseState.Running).Select(p => (Phase?)p.Key).FirstOrDefault();

    /// <summary>Gets whether the validate phase ran to a coherent reply.</summary>
    public bool Validated => Phases[Phase.Validate].State == PhaseState.Completed && Validation.Coherent == true;

    /// <summary>Gets the verdict (the judgement's).</summary>
    public Verdict Verdict => Judgement.Verdict;

    /// <summary>Gets the status word: running, completed, failed or interrupted.</summary>
    public string Status => !IsFinished ? "running" : Interrupted ? "interrupted" : Error is not null ? "failed" : "completed";
}
