using System.Globalization;
using MlNode.Simulator.Faults;
using MlNode.Tasks.Configuration;

namespace MlNode.Simulator.State;

/// <summary>
/// The simulated vLLM lifecycle (mlnode-api.md §2): idle → starting → running, or failed. The deploy args are
/// parsed: the tensor-parallel size must divide the GPU count, and replicas = GPUs / tp.
/// </summary>
public sealed class VllmServer
{
    private readonly object _gate = new();
    private readonly SimulatorOptions _options;
    private readonly ModelCache _cache;
    private readonly TimeProvider _time;
    private Deployment? _current;

    /// <summary>Creates the server, already running when the options say so.</summary>
    public VllmServer(SimulatorOptions options, ModelCache cache, TimeProvider time)
    {
        _options = options;
        _cache = cache;
        _time = time;
        if (options.Running is { } model)
        {
            _current = new Deployment(model, "auto", ["--tensor-parallel-size", options.RunningTp.ToString(CultureInfo.InvariantCulture)],
                time.GetUtcNow().AddSeconds(-options.DeploySeconds), 0, null, Math.Max(1, options.Gpus / options.RunningTp));
        }
    }

    /// <summary>Raised when vLLM stops, so PoC generation stops with it.</summary>
    public event Action? Stopped;

    /// <summary>What a start request got.</summary>
    public enum StartResult
    {
        /// <summary>Startup began (200).</summary>
        Starting,

        /// <summary>Already running (409).</summary>
        AlreadyRunning,

        /// <summary>Already starting (409).</summary>
        AlreadyStarting,
    }

    /// <summary>Gets the number of healthy replicas (0 unless running).</summary>
    public int Replicas
    {
        get
        {
            lock (_gate)
            {
                return Snapshot() is { State: "running" } d ? d.Replicas : 0;
            }
        }
    }

    /// <summary>Gets the model being served, or null.</summary>
    public string? ServedModel
    {
        get
        {
            lock (_gate)
            {
                return Snapshot() is { State: "running" } d ? d.Model : null;
            }
        }
    }

    /// <summary>Starts vLLM with a model, dtype and args.</summary>
    public StartResult Start(string model, string dtype, IReadOnlyList<string> args)
    {
        lock (_gate)
        {
            var current = Snapshot();
            if (current is { State: "running" })
            {
                return StartResult.AlreadyRunning;
            }

            if (current is { State: "starting" })
            {
                return StartResult.AlreadyStarting;
            }

            var (replicas, error) = Plan(model, args);
            _current = new Deployment(model, dtype, args, _time.GetUtcNow(), _options.DeploySeconds, error, replicas);
            return StartResult.Starting;
        }
    }

    /// <summary>Stops vLLM; true when something was running or starting.</summary>
    public bool Stop()
    {
        bool wasUp;
        lock (_gate)
        {
            wasUp = Snapshot() is { State: "running" or "starting" };
            _current = null;
        }

        Stopped?.Invoke();
        return wasUp;
    }

    /// <summary>The /inference/up/status view.</summary>
    public (bool IsRunning, bool IsStarting, string Status, double? Elapsed, string? Error, string? Model, IReadOnlyList<string> Args) Status()
    {
        lock (_gate)
        {
            var d = Snapshot();
            if (d is null)
            {
                return (false, false, "idle", null, null, null, []);
            }

            var elapsed = (_time.GetUtcNow() - d.Started).TotalSeconds;
            return (d.State == "running", d.State == "starting", d.State, Math.Round(elapsed, 3), d.State == "failed" ? d.Error : null, d.Model, d.Args);
        }
    }

    private (int Replicas, string? Error) Plan(string model, IReadOnlyList<string> args)
    {
        var tpText = DeployArguments.ValueOf(args, DeployArguments.TensorParallelSize) ?? DeployArguments.ValueOf(args, "-tp") ?? "1";
        if (!int.TryParse(tpText, NumberStyles.Integer, CultureInfo.InvariantCulture, out var tp) || tp < 1)
        {
            return (0, $"ValueError: invalid --tensor-parallel-size '{tpText}'");
        }

        if (tp > _options.Gpus || _options.Gpus % tp != 0)
        {
            return (0, $"ValueError: tensor_parallel_size={tp} does not fit {_options.Gpus} GPUs (it must divide the GPU count)");
        }

        if (_options.Find(FaultKind.DeployFails) is { } fault)
        {
            return (0, fault.Argument ?? "torch.OutOfMemoryError: CUDA out of memory. Tried to allocate 2.50 GiB (GPU 0; 79.11 GiB total capacity)");
        }

        if (!_cache.IsCached(model))
        {
            return (0, $"OSError: {model} is not in the local model cache and the node cannot download it during startup");
        }

        return (_options.Gpus / tp, null);
    }

    // The deployment as it stands now: a failing start fails half-way through its startup time.
    private Deployment? Snapshot()
    {
        if (_current is null)
        {
            return null;
        }

        var elapsed = (_time.GetUtcNow() - _current.Started).TotalSeconds;
        if (_current.Error is not null)
        {
            return _current with { State = elapsed >= _current.Duration / 2 ? "failed" : "starting" };
        }

        return _current with { State = elapsed >= _current.Duration ? "running" : "starting" };
    }

    private sealed record Deployment(string Model, string Dtype, IReadOnlyList<string> Args, DateTimeOffset Started, double Duration, string? Error, int Replicas)
    {
        public string State { get; init; } = "starting";
    }
}
