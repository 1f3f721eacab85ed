using MlNode.Tasks.Documents;

namespace MlNode.Tasks.Configuration;

/// <summary>The throughput gates a run was asked for, resolved with the inputs (none: no gate, the contract's 0/2/1).</summary>
/// <param name="MinThroughput">--min-throughput, or null.</param>
/// <param name="Baseline">The earlier run compared with, or null.</param>
/// <param name="BaselineNote">Why there is no baseline although one was asked for (auto found none), or null.</param>
/// <param name="MaxThroughputDrop">--max-throughput-drop (<see cref="MlNodeArguments.MaxThroughputDropWithBaseline"/> when a baseline is given), or null.</param>
/// <param name="MaxReplicaSpread">--max-replica-spread, or null.</param>
internal sealed record GateSettings(
    Resolved<double>? MinThroughput,
    BaselineRun? Baseline,
    string? BaselineNote,
    Resolved<double>? MaxThroughputDrop,
    Resolved<double>? MaxReplicaSpread)
{
    /// <summary>Gets no gate at all.</summary>
    public static GateSettings None { get; } = new(null, null, null, null, null);

    /// <summary>Gets whether any gate was asked for.</summary>
    public bool Any => MinThroughput is not null || Baseline is not null || BaselineNote is not null || MaxReplicaSpread is not null;
}

/// <summary>An earlier run's report used as a throughput baseline.</summary>
/// <param name="Path">Its validate_report.json.</param>
/// <param name="Report">The report.</param>
internal sealed record BaselineRun(string Path, ValidateReport Report);
