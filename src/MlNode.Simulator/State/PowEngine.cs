using MlNode.Simulator.Faults;
using MlNode.Tasks.PoC;
using Newtonsoft.Json.Linq;

namespace MlNode.Simulator.State;

/// <summary>
/// The simulated PoC v2 proxy and its vLLM replicas (mlnode-api.md §3): continuous generation with exact
/// counters and noisy reported rates, idempotent stop, and on-demand computation and validation of nonces.
/// </summary>
internal sealed class PowEngine
{
    private readonly object _gate = new();
    private readonly SimulatorOptions _options;
    private readonly VllmServer _vllm;
    private readonly NodeVectors _vectors;
    private readonly TimeProvider _time;
    private readonly List<Replica> _replicas = [];
    private int _initCalls;
    private int _roundRobin;

    /// <summary>Creates the engine; generation stops whenever vLLM stops.</summary>
    public PowEngine(SimulatorOptions options, VllmServer vllm, TimeProvider time)
    {
        _options = options;
        _vllm = vllm;
        _time = time;
        _vectors = new NodeVectors(options, vllm);
        vllm.Stopped += () =>
        {
            lock (_gate)
            {
                _replicas.Clear();
            }
        };
    }

    /// <summary>One replica as /pow/status shows it.</summary>
    /// <param name="Port">Its local port.</param>
    /// <param name="Status">GENERATING or IDLE.</param>
    /// <param name="GroupId">Its nonce group while generating.</param>
    /// <param name="NGroups">The number of groups.</param>
    /// <param name="ReportedRate">The rate it reports (noisy).</param>
    /// <param name="TotalProcessed">Its exact counter.</param>
    /// <param name="TrueRate">Its true rate (ground truth, not part of the API).</param>
    /// <param name="Detail">Why it is in ERROR, or null.</param>
    public sealed record BackendView(int Port, string Status, int? GroupId, int? NGroups, double ReportedRate, long TotalProcessed, double TrueRate, string? Detail = null);

    /// <summary>The detail of a backend that died while generating.</summary>
    public const string DiedDetail = "CUDA error: an illegal memory access was encountered (the vLLM worker died)";

    /// <summary>Gets whether any backend is healthy (vLLM running and the proxy sees it).</summary>
    public bool HasBackends => !_options.Has(FaultKind.NoBackends) && _vllm.Replicas > 0;

    /// <summary>Starts generation on every healthy replica; null when none is available (503).</summary>
    public IReadOnlyList<BackendView>? InitGenerate(int batchSize)
    {
        lock (_gate)
        {
            _initCalls++;
            if (_options.Find(FaultKind.Init503) is { } fault && _initCalls <= (int)fault.Number(0))
            {
                return null;
            }

            if (!HasBackends)
            {
                return null;
            }

            var now = _time.GetUtcNow();
            var replicas = Sync(now);
            for (var i = 0; i < replicas.Count; i++)
            {
                var r = replicas[i];
                r.Settle(now);
                r.GroupId = i;
                r.NGroups = replicas.Count;
                r.BatchSize = batchSize;
                r.GeneratingSince = now;
                r.StopAt = null;
                r.DiesAt = i == 0 && _options.Find(FaultKind.ReplicaDies) is { } dies ? now.AddSeconds(dies.Number(0)) : null;
            }

            return replicas.Select(r => View(r, now)).ToList();
        }
    }

    /// <summary>The aggregate status word and every replica.</summary>
    public (string Aggregate, IReadOnlyList<BackendView> Backends) Status()
    {
        lock (_gate)
        {
            if (!HasBackends)
            {
                return ("NO_BACKENDS", []);
            }

            var now = _time.GetUtcNow();
            var views = Sync(now).Select(r => View(r, now)).ToList();
            if (_options.Find(FaultKind.UnreachableBackend) is { } unreachable)
            {
                // The proxy lists a backend it could not reach beside the healthy ones (mlnode-api.md §3).
                views.Add(new BackendView((int)unreachable.Number(5999), "ERROR", null, null, 0, 0, 0, "connection refused"));
            }

            var generating = views.Count(v => v.Status == "GENERATING");
            var aggregate = generating == views.Count ? "GENERATING" : generating == 0 ? "IDLE" : "MIXED";
            return (aggregate, views);
        }
    }

    /// <summary>Stops generation everywhere (idempotent); returns the ports told to stop.</summary>
    public IReadOnlyList<int> Stop()
    {
        lock (_gate)
        {
            var now = _time.GetUtcNow();
            var stopped = new List<int>();
            var replicas = HasBackends ? Sync(now) : [];
            for (var i = 0; i < replicas.Count; i++)
            {
                var r = replicas[i];
                r.Settle(now);
                if (r.GeneratingSince is not null && r.StopAt is null)
                {
                    // A backend finishes its current batch before it goes idle, and not all at the same moment
                    // (so the aggregate passes through MIXED, as on a real node).
                    r.StopAt = now.AddSeconds(_options.StopSeconds * (1 + ((double)i / replicas.Count)));
                }

                stopped.Add(r.Port);
            }

            return stopped;
        }
    }

    /// <summary>The port of the replica the next /pow/generate is routed to (round-robin), or null when none.</summary>
    public int? NextBackend()
    {
        lock (_gate)
        {
            if (!HasBackends)
            {
                return null;
            }

            var replicas = Sync(_time.GetUtcNow());
            return replicas[_roundRobin++ % replicas.Count].Port;
        }
    }

    /// <summary>Computes the vectors a backend returns for nonces (honest, or wrong where the node is dishonest).</summary>
    public float[] Compute(VectorInputs inputs, long nonce, int? batchSize) => _vectors.Compute(inputs, nonce, batchSize);

    /// <summary>Recomputes the received vectors and runs the L2 + binomial fraud test, as a backend does.</summary>
    public JObject Validate(VectorInputs inputs, IReadOnlyList<ReceivedArtifact> received, int? batchSize, StatTestParameters statTest) =>
        _vectors.Validate(inputs, received, batchSize, statTest);

    /// <summary>Computes the decode trajectory a backend returns for a nonce (decode-poc.md).</summary>
    public int[] Trajectory(VectorInputs inputs, long nonce, int maxTokens) => _vectors.Trajectory(inputs, nonce, maxTokens);

    /// <summary>Re-runs the received trajectories teacher-forced and runs the margin + binomial test, as a backend does.</summary>
    public JObject ValidateDecode(VectorInputs inputs, IReadOnlyList<ReceivedArtifact> received, StatTestParameters statTest) =>
        _vectors.ValidateDecode(inputs, received, statTest);

    /// <summary>Ground truth for tests and benchmarks: each replica's true rate and exact counter.</summary>
    public IReadOnlyList<BackendView> Truth()
    {
        lock (_gate)
        {
            var now = _time.GetUtcNow();
            return HasBackends ? Sync(now).Select(r => View(r, now)).ToList() : [];
        }
    }

    // Keeps the replica list in step with the deployment (GPUs / tp replicas on ports 5001, 5002, ...).
    private List<Replica> Sync(DateTimeOffset now)
    {
        var count = _vllm.Replicas;
        if (_replicas.Count != count)
        {
            _replicas.Clear();
            var slow = _options.Find(FaultKind.SlowReplica);
            for (var i = 0; i < count; i++)
            {
                var rate = _options.Rate * (i == 0 && slow is not null ? slow.Number(0.3) : 1);
                _replicas.Add(new Replica(5001 + i, rate));
            }
        }

        foreach (var r in _replicas)
        {
            r.Settle(now);
        }

        return _replicas;
    }

    private BackendView View(Replica r, DateTimeOffset now)
    {
        if (r.DiesAt is { } died && died <= now)
        {
            return new BackendView(r.Port, "ERROR", null, null, 0, r.Processed(now), r.TrueRate, DiedDetail);
        }

        var generating = r.GeneratingSince is not null;
        var reported = generating ? r.TrueRate * (1 + (_options.RateNoise * Noise(r.Port, now))) : 0;
        return new BackendView(r.Port, generating ? "GENERATING" : "IDLE", generating ? r.GroupId : null, generating ? r.NGroups : null, Math.Round(reported, 4), r.Processed(now), r.TrueRate);
    }

    // Deterministic noise in [-1, 1] per replica and wall-clock second, like a backend's smoothed rate estimate.
    private double Noise(int port, DateTimeOffset now)
    {
        var bucket = now.ToUnixTimeSeconds();
        var hash = HashCode.Combine(_options.Seed, port, bucket);
        return ((hash & 0xFFFF) / 32767.5) - 1;
    }

    private sealed class Replica(int port, double trueRate)
    {
        public int Port { get; } = port;

        public double TrueRate { get; } = trueRate;

        public int? GroupId { get; set; }

        public int? NGroups { get; set; }

        public int BatchSize { get; set; }

        public DateTimeOffset? GeneratingSince { get; set; }

        public DateTimeOffset? StopAt { get; set; }

        public DateTimeOffset? DiesAt { get; set; }

        public long ProcessedBefore { get; set; }

        public long Processed(DateTimeOffset now)
        {
            if (GeneratingSince is not { } since)
            {
                return ProcessedBefore;
            }

            var until = StopAt is { } stop && stop < now ? stop : now;
            until = DiesAt is { } died && died < until ? died : until;
            return ProcessedBefore + (long)Math.Floor(TrueRate * Math.Max(0, (until - since).TotalSeconds));
        }

        // Once a stop's grace has passed, the replica is idle and its counter is final.
        public void Settle(DateTimeOffset now)
        {
            if (StopAt is { } stop && stop <= now)
            {
                ProcessedBefore = Processed(now);
                GeneratingSince = null;
                StopAt = null;
                GroupId = null;
                NGroups = null;
            }
        }
    }
}
