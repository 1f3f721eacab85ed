using Newtonsoft.Json;

namespace MlNode.Tasks.Documents;

/// <summary>
/// validate_report.json: the config, then how the run went: status, verdict, exit code, each phase's state and
/// results, warnings and the error. Rewritten atomically after every step, so it is valid JSON at any moment. Its
/// key paths include every key path of the validate_report.json that gonka's validate.py writes. JSON Schema:
/// docs/schema/validate_report.schema.json.
/// </summary>
internal sealed record ValidateReport : ValidateConfig
{
    /// <summary>The file's name in an experiment folder.</summary>
    public const string FileName = "validate_report.json";

    /// <summary>Gets running, completed, failed or interrupted.</summary>
    [JsonProperty(Order = 1)]
    public string Status { get; init; } = string.Empty;

    /// <summary>Gets the verdict, as the summary prints it.</summary>
    [JsonProperty(Order = 2)]
    public string Verdict { get; init; } = string.Empty;

    /// <summary>Gets the exit code, or null while the run has not finished (3: only a throughput gate failed).</summary>
    [JsonProperty(Order = 3)]
    public int? ExitCode { get; init; }

    /// <summary>Gets the run's one judgement (verdict, counts, cause, next step, gate), as every surface renders it.</summary>
    [JsonProperty(Order = 3)]
    public JudgementInfo? Judgement { get; init; }

    /// <summary>Gets the gate line ("gate: PASS", "gate: FAIL (...)"), or null without gates.</summary>
    [JsonProperty(Order = 3, NullValueHandling = NullValueHandling.Ignore)]
    public string? Gate { get; init; }

    /// <summary>Gets when the run started (ISO 8601).</summary>
    [JsonProperty(Order = 4)]
    public string StartedAt { get; init; } = string.Empty;

    /// <summary>Gets when it finished, or null.</summary>
    [JsonProperty(Order = 5)]
    public string? FinishedAt { get; init; }

    /// <summary>Gets the phase running now, or null.</summary>
    [JsonProperty(Order = 6)]
    public string? CurrentPhase { get; init; }

    /// <summary>Gets each phase's state, by contract name.</summary>
    [JsonProperty(Order = 7)]
    public IReadOnlyDictionary<string, PhaseEntry> Phases { get; init; } = new Dictionary<string, PhaseEntry>();

    /// <summary>Gets the download phase's results, or null when it did not run.</summary>
    [JsonProperty(Order = 8)]
    public DownloadInfo? Download { get; init; }

    /// <summary>Gets who the node is, as it reported itself (GET /api/v1/state and /api/v1/versions), or null when no phase ran.</summary>
    public NodeIdentityInfo? Node { get; init; }

    /// <summary>Gets the deploy phase's results (or the check that vLLM runs when it was skipped), or null.</summary>
    [JsonProperty(Order = 9)]
    public DeployInfo? Deploy { get; init; }

    /// <summary>Gets the throughput phase's results, or null when it did not run.</summary>
    [JsonProperty(Order = 10)]
    public ThroughputInfo? Throughput { get; init; }

    /// <summary>Gets the validate phase's results, or null when it did not run.</summary>
    [JsonProperty(Order = 11)]
    public ValidationInfo? Validation { get; init; }

    /// <summary>Gets every warning, in order.</summary>
    [JsonProperty(Order = 12)]
    public IReadOnlyList<string> Warnings { get; init; } = [];

    /// <summary>Gets what ended the run, or null.</summary>
    [JsonProperty(Order = 13)]
    public ErrorInfo? Error { get; init; }

    /// <summary>Gets the throughput gates asked for and their outcomes (empty without gates).</summary>
    [JsonProperty(Order = 14)]
    public IReadOnlyList<GateInfo> Gates { get; init; } = [];
}
