using System.Globalization;
using MlNode.Simulator.Faults;

namespace MlNode.Simulator;

/// <summary>
/// How the simulated node behaves: its hardware, how long downloads and deploys take, how fast replicas
/// generate, and which faults it injects. Parsed from command-line style arguments so the in-process host,
/// the standalone server and the Cake targets share one syntax.
/// </summary>
public sealed record SimulatorOptions
{
    /// <summary>Gets the address to bind (loopback unless told otherwise).</summary>
    public string Host { get; init; } = "127.0.0.1";

    /// <summary>Gets the port (0 picks a free ephemeral port).</summary>
    public int Port { get; init; }

    /// <summary>Gets the simulated GPU count; replicas = GPUs / tensor-parallel size.</summary>
    public int Gpus { get; init; } = 8;

    /// <summary>Gets how long a model download takes.</summary>
    public double DownloadSeconds { get; init; } = 3;

    /// <summary>Gets how long vLLM startup takes.</summary>
    public double DeploySeconds { get; init; } = 4;

    /// <summary>Gets each replica's true generation rate (nonces per second).</summary>
    public double Rate { get; init; } = 50;

    /// <summary>Gets the relative noise of the rate a backend reports (its counter stays exact).</summary>
    public double RateNoise { get; init; } = 0.02;

    /// <summary>Gets the GPU class the node computes on, or null (one class, vectors unperturbed).</summary>
    public State.HardwareClass? Hardware { get; init; }

    /// <summary>Gets the node's default PoC batch size (POC_BATCH_SIZE_DEFAULT).</summary>
    public int NodeBatchSize { get; init; } = 64;

    /// <summary>Gets how long a backend keeps generating after /pow/stop (finishing its batch).</summary>
    public double StopSeconds { get; init; } = 0.3;

    /// <summary>Gets how fast /pow/generate computes vectors (nonces per second; 0 = instantly).</summary>
    public double ComputeRate { get; init; }

    /// <summary>Gets the concurrent download limit (429 beyond it).</summary>
    public int MaxDownloads { get; init; } = 3;

    /// <summary>Gets the seed of every random choice (noise, transient faults, dishonest fractions).</summary>
    public int Seed { get; init; } = 1;

    /// <summary>Gets models already in the cache at start.</summary>
    public IReadOnlyList<string> Preloaded { get; init; } = [];

    /// <summary>Gets a model vLLM already serves at start (implies it is cached), or null.</summary>
    public string? Running { get; init; }

    /// <summary>Gets the tensor-parallel size of the already-running vLLM.</summary>
    public int RunningTp { get; init; } = 1;

    /// <summary>Gets the MLNode version /api/v1/state and /api/v1/versions report, or null: neither endpoint exists (an older node).</summary>
    public string? MlNodeVersion { get; init; } = "3.1.0";

    /// <summary>Gets the vLLM version /api/v1/versions reports.</summary>
    public string VllmVersion { get; init; } = "0.11.0";

    /// <summary>Gets the PoC plugin (gonka-poc) version /api/v1/versions reports, or null for the default.</summary>
    public string? PocVersion { get; init; }

    /// <summary>
    /// Gets the PoC plugin version reported: the one given, else 0.1.5 on a node with the first-in-batch fault (the
    /// defect was fixed in 0.1.6, so a node showing it reports a version before the fix), else 0.1.6.
    /// </summary>
    public string ReportedPocVersion => PocVersion ?? (Has(FaultKind.FirstInBatch) ? "0.1.5" : "0.1.6");

    /// <summary>Gets the Authorization header value every /api call must carry, or null for no check.</summary>
    public string? RequireAuthorization { get; init; }

    /// <summary>Gets golden reference files whose vectors the node replays under their deploy args (see RecordedVectors).</summary>
    public IReadOnlyList<string> Recorded { get; init; } = [];

    /// <summary>Gets the faults to inject.</summary>
    public IReadOnlyList<Fault> Faults { get; init; } = [];

    /// <summary>Gets how many bytes of each request body the journal keeps.</summary>
    public int JournalBodyLimit { get; init; } = 1 << 20;

    /// <summary>Gets the option names, their meaning and default, for --help.</summary>
    public static IReadOnlyList<(string Name, string Help)> Help { get; } =
    [
        ("--host=<address>", "address to bind (default 127.0.0.1: loopback only)"),
        ("--port=<port>", "port (default 8080 standalone; 0 = any free port)"),
        ("--gpus=<n>", "simulated GPUs; replicas = gpus / --tensor-parallel-size (default 8)"),
        ("--download-seconds=<s>", "model download duration (default 3)"),
        ("--deploy-seconds=<s>", "vLLM startup duration (default 4)"),
        ("--rate=<n/s>", "true PoC rate of each replica (default 50)"),
        ("--rate-noise=<fraction>", "noise of the reported nonces_per_second; total_processed stays exact (default 0.02)"),
        ("--hardware=<class>[:<fraction>]", "the GPU class (the Admin API's hardware type): each class moves every vector slightly its own way; " +
            "with a fraction, that share of the nonces is computed far from every other class"),
        ("--node-batch-size=<n>", "the node's default PoC batch (default 64); other batch sizes shift every vector slightly"),
        ("--stop-seconds=<s>", "how long backends keep GENERATING after /pow/stop (default 0.3)"),
        ("--compute-rate=<n/s>", "speed of /pow/generate (default 0 = instant)"),
        ("--max-downloads=<n>", "concurrent downloads before 429 (default 3)"),
        ("--seed=<n>", "seed of all random choices (default 1)"),
        ("--preloaded=<org/name>", "a model already cached at start (repeatable)"),
        ("--running=<org/name>", "a model vLLM already serves at start"),
        ("--running-tp=<n>", "tensor-parallel size of that vLLM (default 1)"),
        ("--mlnode-version=<version>", "the MLNode version GET /api/v1/state and /api/v1/versions report (default 3.1.0); none: neither endpoint exists, as on older nodes"),
        ("--vllm-version=<version>", "the vLLM version /api/v1/versions reports (default 0.11.0)"),
        ("--poc-version=<version>", "the PoC plugin (gonka-poc) version /api/v1/versions reports (default 0.1.6; 0.1.5 with the first-in-batch fault)"),
        ("--require-authorization=<value>", "the Authorization header every /api call must carry (401 otherwise)"),
        ("--recorded=<reference.json>", "replay a golden reference: under its deploy args the node computes its vectors (repeatable)"),
        ("--fault=<spec>", "inject a fault (repeatable): " + string.Join(", ", Fault.KnownNames)),
    ];

    /// <summary>Parses <c>--name=value</c>, <c>--name value</c> and bare flags.</summary>
    /// <exception cref="FormatException">An option is unknown or its value is invalid.</exception>
    public static SimulatorOptions Parse(IEnumerable<string> args, SimulatorOptions? defaults = null)
    {
        var options = defaults ?? new SimulatorOptions();
        var list = args.ToList();
        var preloaded = new List<string>(options.Preloaded);
        var faults = new List<Fault>(options.Faults);
        var recorded = new List<string>(options.Recorded);
        for (var i = 0; i < list.Count; i++)
        {
            var arg = list[i];
            if (!arg.StartsWith("--", StringComparison.Ordinal))
            {
                throw new FormatException($"unexpected argument '{arg}'; options look like --name=value");
            }

            var equals = arg.IndexOf('=', StringComparison.Ordinal);
            var name = (equals > 0 ? arg[2..equals] : arg[2..]).ToLowerInvariant();
            string Value()
            {
                if (equals > 0)
                {
                    return arg[(equals + 1)..];
                }

                if (i + 1 < list.Count && !list[i + 1].StartsWith("--", StringComparison.Ordinal))
                {
                    return list[++i];
                }

                throw new FormatException($"--{name} needs a value");
            }

            options = name switch
            {
                "host" => options with { Host = Value() },
                "port" => options with { Port = Integer(name, Value(), 0, 65535) },
                "gpus" => options with { Gpus = Integer(name, Value(), 1, 4096) },
                "download-seconds" => options with { DownloadSeconds = Number(name, Value(), 0) },
                "deploy-seconds" => options with { DeploySeconds = Number(name, Value(), 0) },
                "rate" => options with { Rate = Number(name, Value(), 0) },
                "rate-noise" => options with { RateNoise = Number(name, Value(), 0, 1) },
                "hardware" => options with { Hardware = State.HardwareClass.Parse(Value()) },
                "node-batch-size" => options with { NodeBatchSize = Integer(name, Value(), 1, 1 << 20) },
                "stop-seconds" => options with { StopSeconds = Number(name, Value(), 0) },
                "compute-rate" => options with { ComputeRate = Number(name, Value(), 0) },
                "max-downloads" => options with { MaxDownloads = Integer(name, Value(), 1, 1000) },
                "seed" => options with { Seed = Integer(name, Value(), int.MinValue, int.MaxValue) },
                "preloaded" => Add(options, preloaded, Value()),
                "recorded" => Add(options, recorded, Value()),
                "running" => options with { Running = Value() },
                "running-tp" => options with { RunningTp = Integer(name, Value(), 1, 4096) },
                "require-authorization" => options with { RequireAuthorization = Value() },
                "mlnode-version" => options with { MlNodeVersion = Value() is var v && string.Equals(v, "none", StringComparison.OrdinalIgnoreCase) ? null : v },
                "vllm-version" => options with { VllmVersion = Value() },
                "poc-version" => options with { PocVersion = Value() },
                "fault" => AddFault(options, faults, Value()),
                _ => throw new FormatException($"unknown simulator option --{name}; see --help"),
            };
        }

        return options with { Preloaded = preloaded, Faults = faults, Recorded = recorded };
    }

    /// <summary>True when a fault of this kind is configured.</summary>
    public bool Has(FaultKind kind) => Faults.Any(f => f.Kind == kind);

    /// <summary>The first fault of this kind, or null.</summary>
    public Fault? Find(FaultKind kind) => Faults.FirstOrDefault(f => f.Kind == kind);

    private static SimulatorOptions Add(SimulatorOptions options, List<string> values, string value)
    {
        values.Add(value);
        return options;
    }

    private static SimulatorOptions AddFault(SimulatorOptions options, List<Fault> faults, string spec)
    {
        if (!string.Equals(spec, "none", StringComparison.OrdinalIgnoreCase))
        {
            faults.Add(Fault.Parse(spec));
        }

        return options;
    }

    private static int Integer(string name, string text, int min, int max) =>
        int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max
            ? value
            : throw new FormatException($"--{name}={text} must be a whole number between {min} and {max}");

    private static double Number(string name, string text, double min, double max = double.MaxValue) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value) && value >= min && value <= max
            ? value
            : throw new FormatException($"--{name}={text} must be a number of at least {min.ToString(CultureInfo.InvariantCulture)}");
}
