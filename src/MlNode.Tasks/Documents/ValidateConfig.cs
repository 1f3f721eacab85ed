namespace MlNode.Tasks.Documents;

/// <summary>
/// validate_config.json: a run's resolved inputs only, enough to reproduce it. Its key paths include every key path
/// of the validate_config.json that gonka's validate.py writes. JSON Schema: docs/schema/validate_config.schema.json.
/// </summary>
internal record ValidateConfig
{
    /// <summary>Gets the tool that wrote it.</summary>
    public ToolInfo Tool { get; init; } = ToolInfo.Current;

    /// <summary>Gets when the run started (ISO 8601).</summary>
    public string Timestamp { get; init; } = string.Empty;

    /// <summary>Gets the node's URL, credentials masked.</summary>
    public string MlnodeUrl { get; init; } = string.Empty;

    /// <summary>Gets the model id.</summary>
    public string Model { get; init; } = string.Empty;

    /// <summary>Gets the node's id in its fleet (Fleet, FleetPlan jobs), or null for a single-node run.</summary>
    public string? FleetNode { get; init; }

    /// <summary>Gets the golden reference.</summary>
    public ReferenceInfo Reference { get; init; } = new();

    /// <summary>Gets the deploy request.</summary>
    public DeployConfigInfo DeployConfig { get; init; } = new();

    /// <summary>Gets the PoC parameters and batch sizes.</summary>
    public PocParamsInfo PocParams { get; init; } = new();

    /// <summary>Gets the stat test triple and its sources.</summary>
    public StatTestInfo StatTest { get; init; } = new();

    /// <summary>Gets which phases were planned to run, by contract name (download, deploy, throughput, validate).</summary>
    public IReadOnlyDictionary<string, PhasePlanEntry> PhasePlan { get; init; } = new Dictionary<string, PhasePlanEntry>();

    /// <summary>Gets the throughput sampling.</summary>
    public SamplingInfo Sampling { get; init; } = new();

    /// <summary>Gets the timeouts.</summary>
    public TimeoutsInfo Timeouts { get; init; } = new();

    /// <summary>Gets every setting read, with its source.</summary>
    public IReadOnlyList<SettingInfo> Settings { get; init; } = [];

    /// <summary>Gets the experiment folder.</summary>
    public string ExperimentDir { get; init; } = string.Empty;

    /// <summary>Gets the contract's arguments as the run used them.</summary>
    public ContractArguments Args { get; init; } = new();

    /// <summary>Gets the arguments as typed on the command line (secrets masked), by name.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> CliArgs { get; init; } = new Dictionary<string, IReadOnlyList<string>>();
}
