using System.Globalization;
using MlNode.Simulator.Faults;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace MlNode.Simulator.Fleet;

/// <summary>
/// A simulated Network Node: how many MLNodes it manages, what each serves, which are faulty or in use, and where
/// the chain is in its PoC cycle. The options not listed here configure every node alike (see <see cref="SimulatorOptions"/>).
/// </summary>
public sealed record FleetOptions
{
    /// <summary>The model the simulated nodes serve unless told otherwise.</summary>
    public const string DefaultModel = "MlNodeSim/Demo-PoC-0.1B";

    /// <summary>Gets how many MLNodes (ids node1..nodeN).</summary>
    public int Count { get; init; }

    /// <summary>Gets the Admin API's port (0 = any free port); each node gets a free port of its own.</summary>
    public int Port { get; init; }

    /// <summary>Gets the models every node serves.</summary>
    public IReadOnlyList<string> Models { get; init; } = [DefaultModel];

    /// <summary>Gets the vLLM args each model has in the nodes' config.</summary>
    public IReadOnlyList<string> ModelArgs { get; init; } = [];

    /// <summary>
    /// Gets the args governance adds to every model's launch (the launch plan shows the node's args followed by these);
    /// they differ from any node config's so a test can tell which args a client deployed.
    /// </summary>
    public IReadOnlyList<string> GovernanceArgs { get; init; } = ["--max-num-seqs", "64"];

    /// <summary>Gets how <c>GET /admin/v1/nodes/:id/launch-plan</c> answers: served, absent (404, an older Network Node) or unavailable (502).</summary>
    public string LaunchPlan { get; init; } = "served";

    /// <summary>Gets the models the launch plans list as absent from governance.</summary>
    public IReadOnlyList<string> SkippedModels { get; init; } = [];

    /// <summary>Gets the models the launch plans list as filtered out by the PoC parameters.</summary>
    public IReadOnlyList<string> UnsupportedModels { get; init; } = [];

    /// <summary>Gets the faults per node (1-based).</summary>
    public IReadOnlyList<(int Node, Fault Fault)> NodeFaults { get; init; } = [];

    /// <summary>Gets the faults of the Admin API itself (huge-reply, redirect, hang, with a path under /admin).</summary>
    public IReadOnlyList<Fault> AdminFaults { get; init; } = [];

    /// <summary>Gets the GPU class per node (1-based); a node not listed computes as the fleet's --hardware says.</summary>
    public IReadOnlyList<(int Node, State.HardwareClass Hardware)> NodeHardware { get; init; } = [];

    /// <summary>Gets the nodes (1-based) whose broker state shows them in use.</summary>
    public IReadOnlyList<int> InUse { get; init; } = [];

    /// <summary>Gets the seconds until the next PoC at start, or null when the schedule is unknown (available=false).</summary>
    public double? PocIn { get; init; } = 12 * 3600;

    /// <summary>Gets the chain's epoch phase.</summary>
    public string PocPhase { get; init; } = "Inference";

    /// <summary>Gets the options every node starts from.</summary>
    public SimulatorOptions Node { get; init; } = new();

    /// <summary>Gets the option names and their meaning, for --help.</summary>
    public static IReadOnlyList<(string Name, string Help)> Help { get; } =
    [
        ("--fleet=<n>", "simulate a Network Node: its Admin API on --port and n MLNodes (node1..noden) on free ports"),
        ("--fleet-fault=<i>:<spec>", "a fault for node i only (repeatable), e.g. --fleet-fault=2:dishonest:0.25"),
        ("--fleet-hardware=<i>:<class>[:<fraction>]", "node i's GPU class (repeatable), shown in the Admin API's hardware; see --hardware"),
        ("--fleet-in-use=<i>", "node i's state shows it in use (INFERENCE, enabled, locked, assigned this epoch) (repeatable)"),
        ("--fleet-model=<org/name>", $"a model every node serves (repeatable; default {DefaultModel})"),
        ("--fleet-model-args=<json list>", "the vLLM args of each model in the nodes' config (default [])"),
        ("--fleet-governance-args=<json list>", "the args governance adds to every launch, shown by /admin/v1/nodes/:id/launch-plan (default [\"--max-num-seqs\",\"64\"])"),
        ("--fleet-admin-fault=<spec>", "a fault of the Admin API itself (repeatable), e.g. --fleet-admin-fault=redirect:file:///etc/passwd@/admin/v1/nodes/node1/launch-plan"),
        ("--fleet-launch-plan=<served|absent|unavailable>", "how the launch-plan endpoint answers: served (default), absent (404: an older Network Node), unavailable (502: governance query failed)"),
        ("--fleet-skipped-model=<org/name>", "a model the launch plans list in skipped_models (not in governance) (repeatable)"),
        ("--fleet-unsupported-model=<org/name>", "a model the launch plans list in unsupported_models (filtered by the PoC params) (repeatable)"),
        ("--poc-in=<seconds|unknown>", "seconds until the next PoC (default 43200); unknown: /admin/v1/poc/timing says available=false"),
        ("--poc-phase=<phase>", "the epoch phase (default Inference; PoCGenerate, PoCValidate, ... are PoC windows)"),
    ];

    /// <summary>True when the arguments ask for a fleet.</summary>
    public static bool IsFleet(IEnumerable<string> args) => args.Any(a => a.StartsWith("--fleet=", StringComparison.OrdinalIgnoreCase)
        || string.Equals(a, "--fleet", StringComparison.OrdinalIgnoreCase));

    /// <summary>Parses the fleet's options; every other option goes to each node.</summary>
    /// <exception cref="FormatException">An option is unknown or its value is invalid.</exception>
    public static FleetOptions Parse(IEnumerable<string> args)
    {
        var options = new FleetOptions();
        var rest = new List<string>();
        var models = new List<string>();
        var faults = new List<(int, Fault)>();
        var adminFaults = new List<Fault>();
        var inUse = new List<int>();
        var hardware = new List<(int, State.HardwareClass)>();
        var skipped = new List<string>();
        var unsupported = new List<string>();
        var list = args.ToList();
        for (var i = 0; i < list.Count; i++)
        {
            var arg = list[i];
            var equals = arg.IndexOf('=', StringComparison.Ordinal);
            var name = (equals > 0 ? arg[..equals] : arg).ToLowerInvariant();
            string Value() => equals > 0 ? arg[(equals + 1)..] : i + 1 < list.Count ? list[++i] : throw new FormatException($"{name} needs a value");
            switch (name)
            {
                case "--fleet":
                    options = options with { Count = Integer(name, Value(), 1, 1000) };
                    break;
                case "--port":
                    options = options with { Port = Integer(name, Value(), 0, 65535) };
                    break;
                case "--fleet-fault":
                    var spec = Value();
                    var colon = spec.IndexOf(':', StringComparison.Ordinal);
                    if (colon <= 0)
                    {
                        throw new FormatException($"--fleet-fault={spec} must be <node number>:<fault spec>, e.g. 2:dishonest:0.25");
                    }

                    faults.Add((Integer(name, spec[..colon], 1, 1000), Fault.Parse(spec[(colon + 1)..])));
                    break;
                case "--fleet-hardware":
                    var entry = Value();
                    var at = entry.IndexOf(':', StringComparison.Ordinal);
                    if (at <= 0)
                    {
                        throw new FormatException($"--fleet-hardware={entry} must be <node number>:<class>[:<fraction>], e.g. 3:B200:0.3");
                    }

                    hardware.Add((Integer(name, entry[..at], 1, 1000), State.HardwareClass.Parse(entry[(at + 1)..])));
                    break;
                case "--fleet-in-use":
                    inUse.Add(Integer(name, Value(), 1, 1000));
                    break;
                case "--fleet-model":
                    models.Add(Value());
                    break;
                case "--fleet-model-args":
                    options = options with { ModelArgs = Tokens(name, Value()) };
                    break;
                case "--fleet-governance-args":
                    options = options with { GovernanceArgs = Tokens(name, Value()) };
                    break;
                case "--fleet-admin-fault":
                    adminFaults.Add(Fault.Parse(Value()));
                    break;
                case "--fleet-launch-plan":
                    var plan = Value().ToLowerInvariant();
                    options = plan is "served" or "absent" or "unavailable" ? options with { LaunchPlan = plan } : throw new FormatException($"--fleet-launch-plan={plan} must be served, " +
                        $"absent or unavailable");
                    break;
                case "--fleet-skipped-model":
                    skipped.Add(Value());
                    break;
                case "--fleet-unsupported-model":
                    unsupported.Add(Value());
                    break;
                case "--poc-in":
                    var poc = Value();
                    options = options with { PocIn = string.Equals(poc, "unknown", StringComparison.OrdinalIgnoreCase) ? null : Number(name, poc) };
                    break;
                case "--poc-phase":
                    options = options with { PocPhase = Value() };
                    break;
                default:
                    rest.Add(arg);
                    break;
            }
        }

        if (options.Count == 0)
        {
            throw new FormatException("--fleet=<n> needs the number of simulated MLNodes");
        }

        var beyond = faults.Select(f => f.Item1).Concat(inUse).Concat(hardware.Select(h => h.Item1)).Where(n => n > options.Count).ToList();
        if (beyond.Count > 0)
        {
            throw new FormatException($"node {beyond[0]} is named by --fleet-fault/--fleet-in-use/--fleet-hardware but the fleet has {options.Count} node(s) (node1..node{options.Count})");
        }

        return options with
        {
            Node = SimulatorOptions.Parse(rest) with { Port = 0 },
            Models = models.Count > 0 ? models : options.Models,
            NodeFaults = faults,
            AdminFaults = adminFaults,
            NodeHardware = hardware,
            InUse = inUse,
            SkippedModels = skipped,
            UnsupportedModels = unsupported,
        };
    }

    private static IReadOnlyList<string> Tokens(string name, string json)
    {
        try
        {
            return JArray.Parse(json).Select(t => t.Type == JTokenType.String ? (string)t! : throw new FormatException($"{name} must be a JSON list of strings")).ToList();
        }
        catch (JsonException ex)
        {
            throw new FormatException($"{name} must be a JSON list of strings ({ex.Message})");
        }
    }

    private static int Integer(string name, string text, int min, int max) =>
        int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max
            ? value
            : throw new FormatException($"{name}={text} must be a whole number between {min} and {max}");

    private static double Number(string name, string text) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value) && value >= 0
            ? value
            : throw new FormatException($"{name}={text} must be a number of seconds (or unknown)");
}
