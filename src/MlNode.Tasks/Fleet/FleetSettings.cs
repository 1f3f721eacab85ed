using MlNode.Tasks.Common;
using MlNode.Tasks.Configuration;

namespace MlNode.Tasks.Fleet;

/// <summary>Everything a fleet run needs besides the per-pair settings, resolved once with the provenance of each value.</summary>
internal sealed record FleetSettings
{
    /// <summary>Gets the --nodes file (absolute), or null.</summary>
    public string? NodesFile { get; init; }

    /// <summary>Gets the Network Nodes' Admin APIs (--admin-api, comma-separated), each with its own credentials; empty with --nodes.</summary>
    public IReadOnlyList<NodeEndpoint> AdminApis { get; init; } = [];

    /// <summary>Gets the Admin API when there is exactly one, or null.</summary>
    public NodeEndpoint? AdminApi => AdminApis.Count == 1 ? AdminApis[0] : null;

    /// <summary>Gets the --node-ids filter (null: every node).</summary>
    public IReadOnlyList<string>? NodeIds { get; init; }

    /// <summary>Gets the --models filter (null: every model).</summary>
    public IReadOnlyList<string>? Models { get; init; }

    /// <summary>Gets the --pairs filter by folder name (null: every pair), as a FleetPlan shard job runs its share.</summary>
    public IReadOnlyList<string>? Pairs { get; init; }

    /// <summary>Gets how many pairs run at once at most.</summary>
    public required Resolved<int> MaxParallel { get; init; }

    /// <summary>Gets the MLNodes' TLS files (--client-cert, --client-key, --ca-cert), which FleetPlan passes on to its jobs.</summary>
    public TlsFiles MlNodeTls { get; init; } = TlsFiles.None;

    /// <summary>Gets the scheme of node URLs built from a host without one (--mlnode-scheme).</summary>
    public string MlNodeScheme { get; init; } = "http";

    /// <summary>Gets whether the safety checks are overridden.</summary>
    public bool IgnoreSafety { get; init; }

    /// <summary>Gets whether refused pairs leave the exit code alone.</summary>
    public bool RefusedOk { get; init; }

    /// <summary>Gets the room to leave before the next PoC, beyond the worst case.</summary>
    public required Resolved<TimeSpan> PocMargin { get; init; }

    /// <summary>Gets the timeouts every pair runs with (the worst case is computed from them).</summary>
    public required TimingSettings Timing { get; init; }

    /// <summary>Gets the throughput sampling every pair runs with.</summary>
    public required SamplingSettings Sampling { get; init; }

    /// <summary>Gets which phases every pair runs.</summary>
    public required IReadOnlyDictionary<Phase, PhaseDecision> Phases { get; init; }

    /// <summary>Gets the folder the fleet folder goes under (absolute).</summary>
    public required string ExperimentsRoot { get; init; }

    /// <summary>Gets a fleet folder already claimed for this run (FleetDemo bakes its reference into it first), or null.</summary>
    public string? ClaimedDirectory { get; init; }

    /// <summary>Gets the Network Nodes' names (<c>host:port</c>: the prefix of their pairs' ids) when the fleet comes from several; empty otherwise.</summary>
    public IReadOnlyList<string> NetworkNodes => AdminApis.Count > 1 ? [.. AdminApis.Select(a => a.BaseAddress.Authority)] : [];

    /// <summary>Gets the kind of source: nodes-file or admin-api.</summary>
    public string SourceKind => AdminApis.Count == 0 ? FleetInventory.NodesFile : FleetInventory.AdminApi;

    /// <summary>Gets the source as shown: the file, or the Admin APIs without secrets.</summary>
    public string SourceDisplay => AdminApis.Count > 0 ? string.Join(", ", AdminApis.Select(a => a.Display)) : NodesFile ?? string.Empty;

    /// <summary>
    /// How long one pair can take at most: every running phase's own limit (download, deploy, the throughput window
    /// with its start retries and stop, validation).
    /// </summary>
    public TimeSpan WorstCasePerPair
    {
        get
        {
            var t = Timing;
            var worst = TimeSpan.Zero;
            worst += Phases[Phase.Download].Runs ? t.DownloadTimeout.Value : TimeSpan.Zero;
            worst += Phases[Phase.Deploy].Runs ? t.DeployTimeout.Value : TimeSpan.Zero;
            worst += Phases[Phase.Throughput].Runs
                ? Sampling.WarmupSeconds.Value + Sampling.MeasureSeconds.Value + (t.InitRetries.Value * (t.InitRetryDelay.Value + t.RequestTimeout.Value)) + t.StopTimeout.Value
                : TimeSpan.Zero;
            worst += Phases[Phase.Validate].Runs ? t.ValidationTimeout.Value + t.StopTimeout.Value : TimeSpan.Zero;
            return worst;
        }
    }

    /// <summary>How long the whole run can take at most: the pairs run in rounds of at most --max-parallel, and a node's pairs one after another.</summary>
    public TimeSpan WorstCase(IReadOnlyList<FleetPair> pairs) => WorstCase(pairs, MaxParallel.Value);

    /// <summary>How long the pairs take at most when <paramref name="maxParallel"/> of them run at once (a node's one after another).</summary>
    public TimeSpan WorstCase(IReadOnlyList<FleetPair> pairs, int maxParallel)
    {
        ArgumentNullException.ThrowIfNull(pairs);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxParallel, 1);
        if (pairs.Count == 0)
        {
            return TimeSpan.Zero;
        }

        // Two node ids may name one MLNode (one URL): its pairs share its GPUs and run one after another.
        var perNode = pairs.GroupBy(p => MlNodeOf(p.Node), StringComparer.OrdinalIgnoreCase).Max(g => g.Count());
        var rounds = Math.Max(perNode, (pairs.Count + maxParallel - 1) / maxParallel);
        return WorstCasePerPair * rounds;
    }

    private static string MlNodeOf(FleetNode node) =>
        Uri.TryCreate(node.BaseUrl, UriKind.Absolute, out var uri)
            ? new UriBuilder(uri) { UserName = string.Empty, Password = string.Empty }.Uri.GetLeftPart(UriPartial.Path).TrimEnd('/')
            : node.BaseUrl;
}
