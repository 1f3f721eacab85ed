namespace MlNode.Tasks.Configuration;

/// <summary>
/// Every argument the task pack accepts, with its default, example and (for numbers) accepted range: the one place
/// names, defaults and ranges are written down. The resolver, the unknown-argument check, the help text and the README all follow it.
/// Defaults mirror the contract (mlnode-validate-skill.txt) and the reference scripts.
/// </summary>
internal static class MlNodeArguments
{
#pragma warning disable CS1591 // Each field documents itself through its Description, which the help prints.
    public static readonly ArgumentDefinition MlNodeUrl = new(
        "mlnode-url", ArgumentKind.Text, ArgumentGroup.Target,
        "Base URL of the MLNode under test. Required; never defaulted. Credentials: see MLNODE_AUTHORIZATION.",
        "http://10.0.0.5:8080");

    public static readonly ArgumentDefinition Model = new(
        "model", ArgumentKind.Text, ArgumentGroup.Target,
        "Full HuggingFace model id, exactly as the MLNode receives it. Required; never defaulted.",
        "Qwen/Qwen3-0.6B");

    public static readonly ArgumentDefinition ClientCert = new(
        "client-cert", ArgumentKind.Text, ArgumentGroup.Transport,
        "PEM client certificate presented to https:// MLNodes that require one (gonka mTLS: the Network Node's dapi.crt); needs --client-key.",
        "certs/dapi.crt", DefaultNote: "none: no client certificate is sent", ConfigKey: "MlNode_ClientCert");

    public static readonly ArgumentDefinition ClientKey = new(
        "client-key", ArgumentKind.Text, ArgumentGroup.Transport,
        "PEM private key of --client-cert (dapi.key), unencrypted; the file's path is all that is ever printed.",
        "certs/dapi.key", DefaultNote: "none", ConfigKey: "MlNode_ClientKey");

    public static readonly ArgumentDefinition CaCert = new(
        "ca-cert", ArgumentKind.Text, ArgumentGroup.Transport,
        "PEM certificate that https:// MLNodes are verified against instead of the system's CAs (gonka mTLS: the pinned, self-signed mlnode.crt); the host name is checked as usual.",
        "certs/mlnode.crt", DefaultNote: "none: the system's trusted CAs", ConfigKey: "MlNode_CaCert");

    public static readonly ArgumentDefinition AdminCaCert = new(
        "admin-ca-cert", ArgumentKind.Text, ArgumentGroup.Transport,
        "PEM certificate that an https:// --admin-api is verified against instead of the system's CAs.",
        "certs/admin.crt", DefaultNote: "none: the system's trusted CAs", ConfigKey: "MlNode_AdminCaCert");

    public static readonly ArgumentDefinition MlNodeScheme = new(
        "mlnode-scheme", ArgumentKind.Choice, ArgumentGroup.Transport,
        "Fleet/CrossCheck from --admin-api: the scheme of the MLNode URLs built from the Admin API's host and poc_port (a host that carries a scheme keeps it).",
        "https", Default: "http", Choices: ["http", "https"], ConfigKey: "MlNode_MlNodeScheme");

    public static readonly ArgumentDefinition Reference = new(
        "reference", ArgumentKind.Text, ArgumentGroup.Reference,
        "Golden reference file to validate against; its 'model' must equal --model.",
        "references/qwen-qwen3-0.6b.json",
        DefaultNote: "<sanitized model>.json looked up in --references-path",
        Aliases: ["artifact"]);

    public static readonly ArgumentDefinition AllReferences = new(
        "all-references", ArgumentKind.Flag, ArgumentGroup.Reference,
        "Validate against every reference whose 'model' equals --model (default and variants), one experiment folder each.",
        "--all-references", Default: "false");

    public static readonly ArgumentDefinition ReferencesPath = new(
        "references-path", ArgumentKind.Text, ArgumentGroup.Reference,
        "Reference search path, ';'-separated, searched in order (relative paths: typed ones under your working directory, cake.config's and the default under the repository root).",
        "references;../gonka/mlnode/packages/benchmarks/scripts/poc_validation/artifacts",
        Default: "references", ConfigKey: "MlNode_ReferencesPath");

    public static readonly ArgumentDefinition Threshold = new(
        "threshold", ArgumentKind.PositiveNumber, ArgumentGroup.StatTest,
        "stat_test.dist_threshold: L2 distance above which one nonce counts as a mismatch.",
        "0.2", DefaultNote: "the reference's dist_threshold, else the server default 0.02");

    public static readonly ArgumentDefinition PMismatch = new(
        "p-mismatch", ArgumentKind.Probability, ArgumentGroup.StatTest,
        "stat_test.p_mismatch: per-nonce probability of a benign mismatch under honest computation.",
        "0.001", DefaultNote: "the reference's stat_test.p_mismatch, else the server default 0.001");

    public static readonly ArgumentDefinition FraudThreshold = new(
        "fraud-threshold", ArgumentKind.OpenProbability, ArgumentGroup.StatTest,
        "stat_test.fraud_threshold: the node flags fraud when the binomial p-value is below this.",
        "0.01", DefaultNote: "the reference's stat_test.fraud_threshold, else the server default 0.01");

    public static readonly ArgumentDefinition Dtype = new(
        "dtype", ArgumentKind.Choice, ArgumentGroup.Deploy,
        "vLLM dtype sent to /inference/up/async.",
        "bfloat16", Default: "auto", Choices: ["auto", "float16", "bfloat16", "fp8"]);

    public static readonly ArgumentDefinition NodeConfig = new(
        "node-config", ArgumentKind.Text, ArgumentGroup.Deploy,
        "The server's own node config (gonka's deploy/join/node-config-<model>-<gpu>.json): " +
        "the model's args replace the reference's additional_args as the deploy baseline (the file's hosts and ports are not used).",
        "deploy/join/node-config-glm53flash-H100.json", DefaultNote: "none: the reference's additional_args (how its vectors were recorded)");

    public static readonly ArgumentDefinition NodeConfigId = new(
        "node-config-id", ArgumentKind.Text, ArgumentGroup.Deploy,
        "The node of --node-config whose args to deploy, when the file lists several nodes with different args.",
        "node1", DefaultNote: "none: the nodes that configure the model must agree");

    public static readonly ArgumentDefinition TpSize = new(
        "tp-size", ArgumentKind.PositiveInteger, ArgumentGroup.Deploy,
        "Add or update --tensor-parallel-size in the deploy baseline (the node config's args, else the reference's).",
        "4", DefaultNote: "as in the deploy baseline", Maximum: 1024);

    public static readonly ArgumentDefinition MaxModelLen = new(
        "max-model-len", ArgumentKind.PositiveInteger, ArgumentGroup.Deploy,
        "Add or update --max-model-len in the deploy baseline (the node config's args, else the reference's).",
        "240000", DefaultNote: "as in the deploy baseline", Maximum: 16_777_216);

    public static readonly ArgumentDefinition ExtraArg = new(
        "extra-arg", ArgumentKind.Repeatable, ArgumentGroup.Deploy,
        "Append one token to the deploy args; repeat for several (use the = form: --extra-arg=--enforce-eager).",
        "--enforce-eager", DefaultNote: "none");

    public static readonly ArgumentDefinition SkipDownload = new(
        "skip-download", ArgumentKind.Flag, ArgumentGroup.Phases,
        "Skip [1/4] download: the model is known to be cached.", "--skip-download", Default: "false");

    public static readonly ArgumentDefinition Redeploy = new(
        "redeploy", ArgumentKind.Flag, ArgumentGroup.Deploy,
        "When vLLM already runs, take it down and deploy the resolved args, so the verdict is about them (implied by --node-config, " +
        "and by --all-references when its references differ in deploy args).",
        "--redeploy", Default: "false", DefaultNote: "off: a running vLLM is left alone and the summary says its args were not applied");

    public static readonly ArgumentDefinition SkipDeploy = new(
        "skip-deploy", ArgumentKind.Flag, ArgumentGroup.Phases,
        "Skip [2/4] deploy: vLLM must already serve the model (verified before it is used).", "--skip-deploy", Default: "false");

    public static readonly ArgumentDefinition SkipThroughput = new(
        "skip-throughput", ArgumentKind.Flag, ArgumentGroup.Phases,
        "Skip [3/4] throughput.", "--skip-throughput", Default: "false");

    public static readonly ArgumentDefinition SkipValidate = new(
        "skip-validate", ArgumentKind.Flag, ArgumentGroup.Phases,
        "Skip [4/4] validate (deploy/measure only; verdict 'validation skipped', exit 0).", "--skip-validate", Default: "false");

    public static readonly ArgumentDefinition WarmupSeconds = ArgumentDefinition.Duration(
        "warmup-seconds", ArgumentGroup.Sampling,
        "Seconds of generation before throughput sampling starts.", "30", TimeSpan.FromSeconds(30), configKey: "MlNode_WarmupSeconds", maximum: 86400, zeroAllowed: true);

    public static readonly ArgumentDefinition MeasureSeconds = ArgumentDefinition.Duration(
        "measure-seconds", ArgumentGroup.Sampling,
        "Length of the throughput measurement window.", "60", TimeSpan.FromMinutes(1), configKey: "MlNode_MeasureSeconds", maximum: 86400);

    public static readonly ArgumentDefinition SampleInterval = ArgumentDefinition.Duration(
        "sample-interval", ArgumentGroup.Sampling,
        "Seconds between /pow/status samples.", "10", TimeSpan.FromSeconds(10), configKey: "MlNode_SampleInterval", minimum: 0.01, maximum: 86400);

    public static readonly ArgumentDefinition BatchSize = new(
        "batch-size", ArgumentKind.PositiveInteger, ArgumentGroup.Sampling,
        "batch_size for /pow/init/generate (throughput); for BakeReference, the batch the vectors are computed with.",
        "32", DefaultNote: "unset: not sent, so the node uses its per-GPU default (POC_BATCH_SIZE_DEFAULT: 8 on 8xH100, 16 on H200, 32 on B200/B300)", Maximum: 65_536);

    public static readonly ArgumentDefinition ValidationBatchSize = new(
        "validation-batch-size", ArgumentKind.PositiveInteger, ArgumentGroup.Sampling,
        "batch_size for the validation /pow/generate call (batch composition changes the numerics).",
        "64", DefaultNote: "the reference's collection_batch_size, else not sent (the node's default batch)", Maximum: 65_536);

    public static readonly ArgumentDefinition DownloadTimeout = ArgumentDefinition.Duration(
        "download-timeout", ArgumentGroup.Timing,
        "Seconds to wait for the model to become DOWNLOADED.", "3600", TimeSpan.FromHours(2), configKey: "MlNode_DownloadTimeout");

    public static readonly ArgumentDefinition DeployTimeout = ArgumentDefinition.Duration(
        "deploy-timeout", ArgumentGroup.Timing,
        "Seconds to wait for vLLM to report is_running.", "900", TimeSpan.FromMinutes(30), configKey: "MlNode_DeployTimeout");

    public static readonly ArgumentDefinition ValidationTimeout = ArgumentDefinition.Duration(
        "validation-timeout", ArgumentGroup.Timing,
        "Seconds the validation /pow/generate call (wait=true) may take.", "1800", TimeSpan.FromMinutes(15), configKey: "MlNode_ValidationTimeout", maximum: 86400);

    public static readonly ArgumentDefinition PollIntervalMin = ArgumentDefinition.Duration(
        "poll-interval-min", ArgumentGroup.Timing,
        "Floor of the status polling interval: the node is never polled more often than this.", "1", TimeSpan.FromSeconds(0.25), configKey: "MlNode_PollIntervalMin", minimum: 0.01, maximum: 3600);

    public static readonly ArgumentDefinition PollIntervalMax = ArgumentDefinition.Duration(
        "poll-interval-max", ArgumentGroup.Timing,
        "Ceiling of the polling interval; between the two, " +
        "the interval grows to 5% of the time waited so far.", "10", TimeSpan.FromSeconds(5), configKey: "MlNode_PollIntervalMax", minimum: 0.01, maximum: 3600);

    public static readonly ArgumentDefinition ProgressInterval = ArgumentDefinition.Duration(
        "progress-interval", ArgumentGroup.Timing,
        "Seconds between progress lines while waiting for download/deploy.", "30", TimeSpan.FromSeconds(10), configKey: "MlNode_ProgressInterval", minimum: 0.01, maximum: 86400);

    public static readonly ArgumentDefinition RequestTimeout = ArgumentDefinition.Duration(
        "request-timeout", ArgumentGroup.Timing,
        "Seconds one status/control request may take before it counts as a transient failure.", "60", TimeSpan.FromSeconds(30), configKey: "MlNode_RequestTimeout", minimum: 0.01, maximum: 86400);

    public static readonly ArgumentDefinition InitRetries = new(
        "init-retries", ArgumentKind.NonNegativeInteger, ArgumentGroup.Timing,
        "How often /pow/init/generate is retried while it answers 503 (vLLM still loading).", "12", Default: "12", ConfigKey: "MlNode_InitRetries", Maximum: 10000);

    public static readonly ArgumentDefinition InitRetryDelay = ArgumentDefinition.Duration(
        "init-retry-delay", ArgumentGroup.Timing,
        "Seconds between /pow/init/generate retries on 503.", "5", TimeSpan.FromSeconds(5), configKey: "MlNode_InitRetryDelay", minimum: 0.01, maximum: 3600);

    public static readonly ArgumentDefinition StopTimeout = ArgumentDefinition.Duration(
        "stop-timeout", ArgumentGroup.Timing,
        "Seconds to wait, after /pow/stop, for every backend to leave GENERATING before validation.", "60", TimeSpan.FromMinutes(1), configKey: "MlNode_StopTimeout", minimum: 0.1, maximum: 3600);

    public static readonly ArgumentDefinition ExpDir = new(
        "exp-dir", ArgumentKind.Text, ArgumentGroup.Output,
        "Write this run's reports into this folder (created; refused if it already holds a report).",
        "data/experiments/node7-qwen", DefaultNote: "<experiments-root>/<exp-name>_<YYYY-MM-DD_HHMMSS>/");

    public static readonly ArgumentDefinition ExpName = new(
        "exp-name", ArgumentKind.Text, ArgumentGroup.Output,
        "Prefix of the auto-created experiment folder name (no path separators).",
        "nightly_node7", DefaultNote: ExperimentNamePrefix + "<sanitized model>");

    /// <summary>The experiment folder's name before the model when --exp-name gives none (the contract's).</summary>
    public const string ExperimentNamePrefix = "mlnode_validate_";

    public static readonly ArgumentDefinition ExperimentsRoot = new(
        "experiments-root", ArgumentKind.Text, ArgumentGroup.Output,
        "Folder the auto-created experiment folders go under (relative paths: typed ones under your working directory, cake.config's and the default under the repository root).",
        "/var/lib/mlnode/experiments", Default: "data/experiments", ConfigKey: "MlNode_ExperimentsRoot");

    public static readonly ArgumentDefinition VerifyVectors = new(
        "verify-vectors", ArgumentKind.Choice, ArgumentGroup.StatTest,
        "auto: after the node's verdict, ask it for its vectors of the same nonces and judge them here too; a verdict its own vectors contradict is an error, " +
        "never a PASS. off: believe the node's reply (one call less; the verdict then rests on the node's word).",
        "off", Default: "auto", Choices: ["auto", "off"]);

    public static readonly ArgumentDefinition Output = new(
        "output", ArgumentKind.Choice, ArgumentGroup.Output,
        "Console format: 'json' prints only the final report JSON on stdout (everything else on stderr).",
        "json", Default: "text", Choices: ["text", "json"]);

    public static readonly ArgumentDefinition Pushgateway = new(
        "pushgateway", ArgumentKind.Text, ArgumentGroup.Output,
        "Push each run's metrics (verdict, throughput, replicas, p-value, phase durations, gates) to this Prometheus Pushgateway, one group per (node, " +
        "model) under job mlnode_validate; user:password@ in the URL is sent as Basic auth and masked.",
        "http://10.0.0.2:9091", DefaultNote: "none: nothing is pushed", ConfigKey: "MlNode_Pushgateway");

    public static readonly ArgumentDefinition Out = new(
        "out", ArgumentKind.Text, ArgumentGroup.Bake,
        "BakeReference: where to write the new golden reference (never overwritten without --force).",
        "references/qwen-qwen3-0.6b.json", DefaultNote: "<first references-path folder>/<sanitized model>.json");

    public static readonly ArgumentDefinition NumNonces = new(
        "num-nonces", ArgumentKind.PositiveInteger, ArgumentGroup.Bake,
        "BakeReference: how many leading nonces (0..N-1) to bake; CrossCheck: how many every node generates.", "32", Default: "32",
        DefaultNote: $"32 for BakeReference, {CrossCheckNonces} for CrossCheck", Maximum: MaxNonces);

    /// <summary>
    /// The most nonces BakeReference or CrossCheck computes: every node's vectors and every pair's distances are held in
    /// memory (100,000 nonces on 8 nodes measure about 2 GB at peak), and a reply that large already takes minutes.
    /// </summary>
    public const int MaxNonces = 100_000;

    /// <summary>How many nonces CrossCheck has every node generate unless --num-nonces says otherwise.</summary>
    public const int CrossCheckNonces = 200;

    public static readonly ArgumentDefinition SeqLen = new(
        "seq-len", ArgumentKind.PositiveInteger, ArgumentGroup.Bake,
        "BakeReference: PoC seq_len.", "1024", Default: "1024", Maximum: 1_048_576);

    public static readonly ArgumentDefinition KDim = new(
        "k-dim", ArgumentKind.PositiveInteger, ArgumentGroup.Bake,
        "BakeReference: PoC k_dim (vector length).", "12", Default: "12", Maximum: 1024);

    public static readonly ArgumentDefinition BlockHash = new(
        "block-hash", ArgumentKind.Text, ArgumentGroup.Bake,
        "BakeReference: PoC block_hash.", "TEST_BLOCK", Default: "TEST_BLOCK");

    public static readonly ArgumentDefinition BlockHeight = new(
        "block-height", ArgumentKind.NonNegativeInteger, ArgumentGroup.Bake,
        "BakeReference: PoC block_height.", "100", Default: "100");

    public static readonly ArgumentDefinition PublicKey = new(
        "public-key", ArgumentKind.Text, ArgumentGroup.Bake,
        "BakeReference: PoC public_key.", "test_pub_keys", Default: "test_pub_keys");

    public static readonly ArgumentDefinition NodeId = new(
        "node-id", ArgumentKind.NonNegativeInteger, ArgumentGroup.Bake,
        "BakeReference: PoC node_id.", "0", Default: "0");

    public static readonly ArgumentDefinition NodeCount = new(
        "node-count", ArgumentKind.PositiveInteger, ArgumentGroup.Bake,
        "BakeReference: PoC node_count.", "1", Default: "1", Maximum: 1_000_000);

    public static readonly ArgumentDefinition DistThreshold = new(
        "dist-threshold", ArgumentKind.PositiveNumber, ArgumentGroup.Bake,
        "BakeReference: dist_threshold recorded in the reference (and used by its reproducibility check); under decode it is τ, a margin.", "0.2", Default: "0.2",
        DefaultNote: "0.2 (prefill), 0.025 (decode: the plugin's τ)");

    public static readonly ArgumentDefinition Scheme = new(
        "scheme", ArgumentKind.Choice, ArgumentGroup.Bake,
        "BakeReference: the PoC scheme to bake: prefill vectors, or decode trajectories (not on chain yet; see Decode PoC).", "decode", Default: "prefill", Choices: ["prefill", "decode"]);

    public static readonly ArgumentDefinition MaxTokens = new(
        "max-tokens", ArgumentKind.PositiveInteger, ArgumentGroup.Bake,
        "BakeReference --scheme=decode: the decode steps of each trajectory (max_tokens; each records max_tokens + 1 values).", "64", Default: "256", Maximum: 4096);

    public static readonly ArgumentDefinition Source = new(
        "source", ArgumentKind.Text, ArgumentGroup.Bake,
        "BakeReference: provenance text recorded in the reference's 'source'.",
        "\"honest reference recorded on 8xH100 (TP=8), vLLM 0.9\"",
        DefaultNote: "baked by MlNode.Tasks BakeReference from <node> at <time>");

    public static readonly ArgumentDefinition AdditionalArgs = new(
        "additional-args", ArgumentKind.Text, ArgumentGroup.Bake,
        "BakeReference: consensus-default vLLM args as a JSON list of strings; recorded and used to deploy.",
        "'[\"--tensor-parallel-size\",\"4\"]'", Default: "[]");

    public static readonly ArgumentDefinition Timeout = ArgumentDefinition.Duration(
        "timeout", ArgumentGroup.Bake,
        "BakeReference: seconds the /pow/generate calls may take.", "900", TimeSpan.FromMinutes(15), maximum: 86400);

    public static readonly ArgumentDefinition NoVerify = new(
        "no-verify", ArgumentKind.Flag, ArgumentGroup.Bake,
        "BakeReference: skip the check that the node reproduces its own freshly baked vectors.", "--no-verify", Default: "false");

    public static readonly ArgumentDefinition Force = new(
        "force", ArgumentKind.Flag, ArgumentGroup.Bake,
        "BakeReference: overwrite an existing reference file (still atomically).", "--force", Default: "false");

    public static readonly ArgumentDefinition DemoFault = new(
        "demo-fault", ArgumentKind.Choice, ArgumentGroup.Demo,
        "Demo: run against a faulty embedded node to see FAIL, the slow-replica callout or a deploy error.",
        "dishonest", Default: "none", Choices: ["none", "dishonest", "slow-replica", "deploy-fails", "mismatches"]);

    public static readonly ArgumentDefinition MinThroughput = new(
        "min-throughput", ArgumentKind.PositiveNumber, ArgumentGroup.Gates,
        "Gate: the summed throughput (nonces/s) must reach this.", "400", DefaultNote: "no gate");

    public static readonly ArgumentDefinition Baseline = new(
        "baseline", ArgumentKind.Text, ArgumentGroup.Gates,
        "Gate: compare throughput with an earlier run: its validate_report.json, its experiment folder, or auto (the newest earlier PASS of the same node, " +
        "model and deploy config under --experiments-root).",
        "auto", DefaultNote: "no baseline");

    public static readonly ArgumentDefinition MaxThroughputDrop = new(
        "max-throughput-drop", ArgumentKind.PositiveNumber, ArgumentGroup.Gates,
        "Gate: how many percent below the baseline the throughput may fall.", "10", DefaultNote: $"{MaxThroughputDropWithBaseline} when --baseline is given", Maximum: 100);

    /// <summary>The throughput drop (percent) a baseline allows when --max-throughput-drop gives none.</summary>
    public const double MaxThroughputDropWithBaseline = 10;

    public static readonly ArgumentDefinition BaselineOtherNode = new(
        "baseline-other-node", ArgumentKind.Flag, ArgumentGroup.Gates,
        "Gate: accept a --baseline run of another node (e.g. a reference machine of the same hardware); without it such a baseline is refused.", "--baseline-other-node", Default: "false");

    public static readonly ArgumentDefinition MaxReplicaSpread = new(
        "max-replica-spread", ArgumentKind.PositiveNumber, ArgumentGroup.Gates,
        "Gate: how many percent below the median replica the slowest replica may run.", "30", DefaultNote: "no gate", Maximum: 100);

    public static readonly ArgumentDefinition From = new(
        "from", ArgumentKind.Text, ArgumentGroup.Compare,
        "Compare: the earlier run (a validate_report.json or its experiment folder). FleetReport: the folder holding the CI jobs' experiment folders.", "data/experiments/run-a");

    public static readonly ArgumentDefinition To = new(
        "to", ArgumentKind.Text, ArgumentGroup.Compare,
        "Compare: the later run (a validate_report.json or its experiment folder).", "data/experiments/run-b");

    public static readonly ArgumentDefinition Nodes = new(
        "nodes", ArgumentKind.Text, ArgumentGroup.Fleet,
        "Fleet: a JSON array of MLNode definitions in the Network Node's format (gonka's deploy/join/node-config.json).",
        "node-config.json", DefaultNote: "none; give --nodes or --admin-api");

    public static readonly ArgumentDefinition AdminApi = new(
        "admin-api", ArgumentKind.Text, ArgumentGroup.Fleet,
        "Fleet: the Network Node's Admin API; its nodes and their state come from GET /admin/v1/nodes (port 9200 when none is given). Several Network Nodes: " +
        "comma-separated, each node named <host:port>/<id>, each with its own token (MLNODE_ADMIN_AUTHORIZATION_<n> or user:password@).",
        "http://10.0.0.2:9200", DefaultNote: "none; give --nodes or --admin-api");

    public static readonly ArgumentDefinition NodeIds = new(
        "node-ids", ArgumentKind.Text, ArgumentGroup.Fleet,
        "Fleet: validate only these nodes (comma-separated ids).", "node1,node7", DefaultNote: "every node");

    public static readonly ArgumentDefinition Models = new(
        "models", ArgumentKind.Text, ArgumentGroup.Fleet,
        "Fleet: validate only these models (comma-separated full ids).", "Qwen/Qwen3-32B-FP8", DefaultNote: "every model of each node");

    public static readonly ArgumentDefinition MaxParallel = new(
        "max-parallel", ArgumentKind.PositiveInteger, ArgumentGroup.Fleet,
        "Fleet: how many (node, model) pairs run at once; two pairs of one node never do.", "32", Default: "16", Maximum: 1024);

    public static readonly ArgumentDefinition IgnoreSafety = new(
        "ignore-safety", ArgumentKind.Flag, ArgumentGroup.Fleet,
        "Fleet: validate nodes the Admin API shows in use, and start whatever the PoC schedule says. Costs rewards.", "--ignore-safety", Default: "false");

    public static readonly ArgumentDefinition RefusedOk = new(
        "refused-ok", ArgumentKind.Flag, ArgumentGroup.Fleet,
        "Fleet: a pair refused for safety does not make the exit code 1.", "--refused-ok", Default: "false");

    public static readonly ArgumentDefinition PocMargin = ArgumentDefinition.Duration(
        "poc-margin", ArgumentGroup.Fleet,
        "Fleet: room to leave, beyond the run's worst-case duration, before the next PoC starts.", "1800", TimeSpan.FromMinutes(10), zeroAllowed: true);

    public static readonly ArgumentDefinition Format = new(
        "format", ArgumentKind.Choice, ArgumentGroup.Fleet,
        "FleetPlan: the matrix for GitHub Actions (strategy.matrix JSON) or GitLab CI (parallel:matrix YAML).", "gitlab", Default: "github", Choices: ["github", "gitlab"]);

    public static readonly ArgumentDefinition MaxJobs = new(
        "max-jobs", ArgumentKind.PositiveInteger, ArgumentGroup.Fleet,
        "FleetPlan: the most CI jobs the matrix may have; past it, whole nodes are packed into shard jobs that each run --target=Fleet --pairs=<their pairs>.",
        "100", DefaultNote: "256 with --format=github (GitHub's matrix limit), 200 with --format=gitlab (parallel:matrix's)", Maximum: 100000, ConfigKey: "MlNode_MaxJobs");

    public static readonly ArgumentDefinition Pairs = new(
        "pairs", ArgumentKind.Text, ArgumentGroup.Fleet,
        "Fleet: only these (node, model) pairs, by their folder names (comma-separated), as a FleetPlan shard job runs them; a pair the fleet no longer has is left to FleetReport as an ERROR row.",
        "node1__qwen-qwen3-32b-fp8,node2__qwen-qwen3-32b-fp8", DefaultNote: "every pair");

    public static readonly ArgumentDefinition FleetNode = new(
        "fleet-node", ArgumentKind.Text, ArgumentGroup.Fleet,
        "The node's id in its fleet, recorded in the report (set by Fleet, and by each FleetPlan job).", "node7", DefaultNote: "none");

    public static readonly ArgumentDefinition NodeArg = new(
        "node-arg", ArgumentKind.Repeatable, ArgumentGroup.Fleet,
        "One token of the vLLM args the node's Network Node launches the model with; together they replace the reference's additional_args as the deploy baseline (repeat; " +
        "= form; set by Fleet and FleetPlan).",
        "--node-arg=--max-model-len=8192", DefaultNote: "none");

    public static readonly ArgumentDefinition NodeArgs = new(
        "node-args", ArgumentKind.Text, ArgumentGroup.Fleet,
        "The node's launch args as one JSON list of strings, instead of --node-arg tokens: for a token --node-arg cannot carry (an empty string; set by FleetPlan then).",
        "'[\"--chat-template\",\"\"]'", DefaultNote: "none");

    public static readonly ArgumentDefinition NodeArgsFrom = new(
        "node-args-from", ArgumentKind.Text, ArgumentGroup.Fleet,
        "Where the --node-arg tokens came from, recorded as the deploy baseline's origin; with it and no --node-arg, the node launches the model with no args (set by Fleet and FleetPlan).",
        "\"launch-plan http://10.0.0.2:9200 node7\"", DefaultNote: "--node-arg");
    public static readonly ArgumentDefinition MlNodeUrls = new(
        "mlnode-urls", ArgumentKind.Text, ArgumentGroup.CrossCheck,
        "CrossCheck: ad-hoc MLNodes, comma-separated (with --model; each counts as a hardware class of its own), instead of --nodes / --admin-api.",
        "http://10.0.0.5:8080,http://10.0.0.6:8080");

    public static readonly ArgumentDefinition Cross = new(
        "cross", ArgumentKind.Choice, ArgumentGroup.CrossCheck,
        "CrossCheck: one node per (model, hardware class), or every node.", "all", Default: "class", Choices: ["class", "all"]);
#pragma warning restore CS1591

    /// <summary>Gets every definition, in help order.</summary>
    public static IReadOnlyList<ArgumentDefinition> All { get; } =
    [
        MlNodeUrl, Model,
        ClientCert, ClientKey, CaCert, AdminCaCert, MlNodeScheme,
        Reference, AllReferences, ReferencesPath,
        Threshold, PMismatch, FraudThreshold, VerifyVectors,
        Dtype, NodeConfig, NodeConfigId, TpSize, MaxModelLen, ExtraArg, Redeploy,
        SkipDownload, SkipDeploy, SkipThroughput, SkipValidate,
        WarmupSeconds, MeasureSeconds, SampleInterval, BatchSize, ValidationBatchSize,
        DownloadTimeout, DeployTimeout, ValidationTimeout, PollIntervalMin, PollIntervalMax, ProgressInterval,
        RequestTimeout, InitRetries, InitRetryDelay, StopTimeout,
        ExpDir, ExpName, ExperimentsRoot, Output, Pushgateway,
        Out, NumNonces, SeqLen, KDim, BlockHash, BlockHeight, PublicKey, NodeId, NodeCount, DistThreshold, Scheme, MaxTokens, Source,
        AdditionalArgs, Timeout, NoVerify, Force,
        DemoFault,
        MinThroughput, Baseline, BaselineOtherNode, MaxThroughputDrop, MaxReplicaSpread,
        From, To,
        Nodes, AdminApi, NodeIds, Models, MaxParallel, IgnoreSafety, RefusedOk, PocMargin, Format, MaxJobs, Pairs, FleetNode, NodeArg, NodeArgs, NodeArgsFrom,
        MlNodeUrls, Cross,
    ];

    /// <summary>Finds a definition by any of its names (case-insensitive), or null.</summary>
    public static ArgumentDefinition? Find(string name) =>
        All.FirstOrDefault(d => d.Names.Any(n => string.Equals(n, name, StringComparison.OrdinalIgnoreCase)));
}
