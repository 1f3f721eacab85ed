using System.Globalization;
using MlNode.Tasks.Common;
using MlNode.Tasks.References;

namespace MlNode.Tasks.Configuration;

/// <summary>
/// Turns the raw sources into <see cref="RunSettings"/>: required inputs first (no defaults for the node or the
/// model), then the reference (looked up or given, validated, its model checked), then everything derived from
/// it. Pure: nothing is written and nothing is contacted, so bad input fails before any work starts.
/// </summary>
internal static class RunSettingsResolver
{
    /// <summary>Resolves the settings of a validation run.</summary>
    /// <param name="sources">The raw inputs.</param>
    /// <param name="plan">The Cake task plan (which phases are part of this invocation).</param>
    /// <param name="referenceOverride">A reference path chosen by the caller of this method (--all-references), or null.</param>
    /// <param name="redactor">The secrets registry to register credentials with (a new one when null).</param>
    /// <param name="references">The invocation's loaded references (its runner takes the artifacts from there), or null to read the file here.</param>
    /// <exception cref="InputException">Any input is missing or invalid.</exception>
    public static RunSettings Resolve(SettingsSources sources, TaskPlan plan, string? referenceOverride = null, SecretRedactor? redactor = null, ReferenceCache? references = null)
    {
        ArgumentNullException.ThrowIfNull(sources);
        ArgumentNullException.ThrowIfNull(plan);
        var reader = new SettingReader(sources);
        redactor ??= new SecretRedactor();

        var target = ResolveTarget(sources, reader, redactor);
        var (reference, referenceSource) = LoadReference(sources, reader, target.Model, referenceOverride, references);

        var statTest = StatTestSettings.Resolve(
            reference,
            reader.Number(MlNodeArguments.Threshold)?.Value,
            reader.Number(MlNodeArguments.PMismatch)?.Value,
            reader.Number(MlNodeArguments.FraudThreshold)?.Value);

        var deploy = ResolveDeploy(sources, reader, target.Model, reference);
        var settings = new RunSettings
        {
            Node = target.Node,
            Model = target.Model,
            Reference = reference,
            ReferenceSource = referenceSource,
            StatTest = statTest,
            Deploy = deploy,
            Batches = ResolveBatches(reader, reference),
            Sampling = new SamplingSettings(
                reader.Time(MlNodeArguments.WarmupSeconds),
                reader.Time(MlNodeArguments.MeasureSeconds),
                reader.Time(MlNodeArguments.SampleInterval)),
            Timing = ResolveTiming(reader),
            Phases = ResolvePhases(reader, plan),
            Experiment = ResolveExperiment(sources, reader, target.Model),
            Gates = ResolveGates(sources, reader, target.Node, target.Model, deploy),
            FleetNode = reader.Text(MlNodeArguments.FleetNode)?.Value,
            Pushgateway = reader.Text(MlNodeArguments.Pushgateway) is { } gateway ? NodeEndpoint.Parse(gateway.Value, null, redactor, "--pushgateway") : null,
            Output = ResolveOutput(reader),
            VerifyVectors = reader.Choice(MlNodeArguments.VerifyVectors).Value == "auto",
            Provenance = reader.Records,
            RawArguments = Redacted(sources.Arguments, redactor),
            RepositoryRoot = sources.RepositoryRoot,
        };

        // A throughput gate with no throughput phase cannot be judged: say so now, not after download, deploy and validation.
        if (settings.Gates.Any && settings.Phases[Phase.Throughput] is { Runs: false } skipped)
        {
            throw new InputException($"the throughput gates cannot be judged: the throughput phase will not run ({skipped.Reason}); drop the gate arguments or let the phase run");
        }

        return settings;
    }

    // Gates are opt-in; an explicit baseline that cannot be read is an input error now, before the node is touched.
    private static GateSettings ResolveGates(SettingsSources sources, SettingReader reader, NodeEndpoint node, ModelId model, DeployConfig deploy)
    {
        var min = reader.Number(MlNodeArguments.MinThroughput);
        var spread = reader.Number(MlNodeArguments.MaxReplicaSpread);
        var drop = reader.Number(MlNodeArguments.MaxThroughputDrop);
        var baselineArgument = reader.Text(MlNodeArguments.Baseline)?.Value;
        BaselineRun? baseline = null;
        string? note = null;
        if (baselineArgument is not null)
        {
            if (string.Equals(baselineArgument, BaselineReports.Auto, StringComparison.OrdinalIgnoreCase))
            {
                var root = sources.FullPath(reader.Text(MlNodeArguments.ExperimentsRoot)!);
                baseline = BaselineReports.FindAuto(root, node, model, deploy);
                note = baseline is null ? $"--baseline=auto found no earlier PASS of this node, model and deploy config under {root}; not gated against a baseline" : null;
            }
            else
            {
                baseline = BaselineReports.Load(sources.FullPath(new Resolved<string>(baselineArgument, ValueSource.Cli)));
                BaselineReports.Check(baseline, node, model, reader.Flag(MlNodeArguments.BaselineOtherNode));
            }
        }
        else if (drop is not null)
        {
            throw new InputException("--max-throughput-drop needs --baseline (a report, its folder, or auto) to compare with");
        }

        drop ??= baseline is null ? null : new Resolved<double>(MlNodeArguments.MaxThroughputDropWithBaseline, ValueSource.Default);
        return new GateSettings(min, baseline, note, drop, spread);
    }

    /// <summary>The node and model, both required and never defaulted.</summary>
    public static (NodeEndpoint Node, ModelId Model) ResolveTarget(SettingsSources sources, SettingReader reader, SecretRedactor redactor)
    {
        ArgumentNullException.ThrowIfNull(sources);
        ArgumentNullException.ThrowIfNull(reader);
        var authorization = sources.Environment.TryGetValue(NodeEndpoint.AuthorizationVariable, out var header) ? header : null;
        var urlText = reader.Required(MlNodeArguments.MlNodeUrl).Value;
        var node = NodeEndpoint.Parse(urlText, authorization, redactor).WithTls(TlsResolver.MlNode(sources, reader));
        var model = ModelId.Parse(reader.Required(MlNodeArguments.Model).Value);
        return (node, model);
    }

    /// <summary>Reads the console format.</summary>
    public static OutputFormat ResolveOutput(SettingReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        return reader.Choice(MlNodeArguments.Output).Value == "json" ? OutputFormat.Json : OutputFormat.Text;
    }

    /// <summary>The reference search path.</summary>
    public static ReferenceCatalog ResolveCatalog(SettingsSources sources, SettingReader reader)
    {
        ArgumentNullException.ThrowIfNull(sources);
        ArgumentNullException.ThrowIfNull(reader);
        var searchPath = reader.Text(MlNodeArguments.ReferencesPath)!;
        var baseDirectory = searchPath.Source is ValueSource.Cli or ValueSource.Environment ? sources.WorkingDirectory : sources.RepositoryRoot;
        return ReferenceCatalog.FromSearchPath(searchPath.Value, baseDirectory);
    }

    private static (ReferenceHeader Reference, ValueSource Source) LoadReference(SettingsSources sources, SettingReader reader, ModelId model, string? referenceOverride, ReferenceCache? references)
    {
        string path;
        ValueSource source;
        var catalog = ResolveCatalog(sources, reader);
        var given = reader.Text(MlNodeArguments.Reference);
        if (referenceOverride is not null)
        {
            (path, source) = (referenceOverride, ValueSource.Cli);
        }
        else if (given is not null)
        {
            (path, source) = (sources.FullPath(given), ValueSource.Cli);
        }
        else
        {
            path = catalog.Locate(model) ?? throw catalog.Missing(model, sources.RepositoryRoot);
            source = ValueSource.Default;
        }

        var reference = (references?.Load(path) ?? ReferenceReader.Load(path)).Header;
        if (!string.Equals(reference.Model.Value, model.Value, StringComparison.Ordinal))
        {
            // File names are lower-cased (mlnode-api.md §5), so a mistyped case finds the file; the ids must still be
            // equal, because the node is sent --model verbatim and the reference records the id it was baked from.
            var fix = string.Equals(reference.Model.Value, model.Value, StringComparison.OrdinalIgnoreCase)
                ? $"the ids differ only in letter case; pass --model={reference.Model} exactly"
                : "pass the reference baked for this model, or the model the reference was baked for";
            throw new InputException(
                $"reference model mismatch: --model={model} but '{ReferenceCatalog.Relative(path, sources.RepositoryRoot)}' is for '{reference.Model}'; {fix}");
        }

        return (reference, source);
    }

    private static DeployConfig ResolveDeploy(SettingsSources sources, SettingReader reader, ModelId model, ReferenceHeader reference)
    {
        var baseline = DeployBaselineResolver.Resolve(sources, reader, model, reference.AdditionalArgs);
        return ComposeDeploy(reader, reference.AdditionalArgs, baseline);
    }

    /// <summary>The deploy config: the baseline with the CLI overrides (--tp-size, --max-model-len, --extra-arg) on top.</summary>
    /// <param name="reader">The reader of this job's settings.</param>
    /// <param name="referenceArgs">The reference's recording args (shown for information).</param>
    /// <param name="baseline">The args the overrides apply to.</param>
    public static DeployConfig ComposeDeploy(SettingReader reader, IReadOnlyList<string> referenceArgs, Deployment.DeployBaseline baseline)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(baseline);
        var dtype = reader.Choice(MlNodeArguments.Dtype);
        var tpSize = reader.Integer(MlNodeArguments.TpSize);
        var maxModelLen = reader.Integer(MlNodeArguments.MaxModelLen);
        var extra = reader.List(MlNodeArguments.ExtraArg);
        var overrides = new List<string>();
        if (tpSize is not null)
        {
            overrides.Add($"--tp-size={tpSize.Value}");
        }

        if (maxModelLen is not null)
        {
            overrides.Add($"--max-model-len={maxModelLen.Value}");
        }

        overrides.AddRange(extra.Select(e => $"--extra-arg={e}"));
        var effective = DeployArguments.Compose(baseline.Args, tpSize?.Value, maxModelLen?.Value, extra);
        return new DeployConfig(dtype, referenceArgs, effective, overrides) { Baseline = baseline, RedeployReason = RedeployReason(reader) };
    }

    // A running vLLM's args cannot be read back: where the user named the args to judge, a run must deploy them itself.
    private static string? RedeployReason(SettingReader reader) =>
        reader.Flag(MlNodeArguments.Redeploy) ? "--redeploy"
        : reader.Text(MlNodeArguments.NodeConfig) is not null ? "--node-config names the args to validate"
        : null;

    private static BatchSettings ResolveBatches(SettingReader reader, ReferenceHeader reference)
    {
        var throughput = reader.Integer(MlNodeArguments.BatchSize);
        var validation = reader.Integer(MlNodeArguments.ValidationBatchSize);
        if (validation is not null)
        {
            return new BatchSettings(throughput, validation, "--validation-batch-size");
        }

        return reference.CollectionBatchSize is { } collected
            ? new BatchSettings(throughput, new Resolved<int>(collected, ValueSource.Reference), "the reference's collection_batch_size, " +
                "so validation reproduces the batch the vectors were baked with")
            : new BatchSettings(throughput, null, "not sent: the reference records no collection_batch_size, so the node uses its own default batch (as at bake time)");
    }

    /// <summary>Timeouts, polling and retries: shared by validation runs and BakeReference.</summary>
    public static TimingSettings ResolveTiming(SettingReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var timing = new TimingSettings(
            reader.Time(MlNodeArguments.DownloadTimeout),
            reader.Time(MlNodeArguments.DeployTimeout),
            reader.Time(MlNodeArguments.ValidationTimeout),
            reader.Time(MlNodeArguments.PollIntervalMin),
            reader.Time(MlNodeArguments.PollIntervalMax),
            reader.Time(MlNodeArguments.ProgressInterval),
            reader.Time(MlNodeArguments.RequestTimeout),
            reader.IntegerWithDefault(MlNodeArguments.InitRetries),
            reader.Time(MlNodeArguments.InitRetryDelay),
            reader.Time(MlNodeArguments.StopTimeout));
        if (timing.PollIntervalMax.Value < timing.PollIntervalMin.Value)
        {
            throw new InputException(
                $"--poll-interval-max={timing.PollIntervalMax.Value.TotalSeconds.ToString(CultureInfo.InvariantCulture)} is below " +
                $"--poll-interval-min={timing.PollIntervalMin.Value.TotalSeconds.ToString(CultureInfo.InvariantCulture)}; the ceiling must be at least the floor");
        }

        return timing;
    }

    /// <summary>Decides which phases run for a task plan (Cake knows the plan only once the graph starts).</summary>
    public static IReadOnlyDictionary<Phase, PhaseDecision> DecidePhases(SettingsSources sources, TaskPlan plan) => ResolvePhases(new SettingReader(sources), plan);

    private static Dictionary<Phase, PhaseDecision> ResolvePhases(SettingReader reader, TaskPlan plan) => new()
    {
        [Phase.Download] = plan.Decide(Phase.Download, reader.Flag(MlNodeArguments.SkipDownload)),
        [Phase.Deploy] = plan.Decide(Phase.Deploy, reader.Flag(MlNodeArguments.SkipDeploy)),
        [Phase.Throughput] = plan.Decide(Phase.Throughput, reader.Flag(MlNodeArguments.SkipThroughput)),
        [Phase.Validate] = plan.Decide(Phase.Validate, reader.Flag(MlNodeArguments.SkipValidate)),
    };

    private static ExperimentPlan ResolveExperiment(SettingsSources sources, SettingReader reader, ModelId model)
    {
        var name = reader.Text(MlNodeArguments.ExpName)?.Value ?? MlNodeArguments.ExperimentNamePrefix + model.Sanitized;
        if (name.Contains('/', StringComparison.Ordinal) || name.Contains('\\', StringComparison.Ordinal) || name.Contains("..", StringComparison.Ordinal) ||
            name.IndexOfAny(Path.GetInvalidFileNameChars()) >= 0)
        {
            throw new InputException(
                $"--exp-name='{name}' must be a plain folder-name prefix (no path separators, no '..'); to choose the folder itself use --exp-dir=<path>");
        }

        var root = sources.FullPath(reader.Text(MlNodeArguments.ExperimentsRoot)!);
        var explicitDirectory = reader.Text(MlNodeArguments.ExpDir) is { } dir ? sources.FullPath(dir) : null;
        return new ExperimentPlan(explicitDirectory, root, name);
    }

    private static Dictionary<string, IReadOnlyList<string>> Redacted(IReadOnlyDictionary<string, IReadOnlyList<string>> arguments, SecretRedactor redactor) =>
        arguments.ToDictionary(a => a.Key, a => (IReadOnlyList<string>)a.Value.Select(redactor.Redact).ToList(), StringComparer.OrdinalIgnoreCase);
}
