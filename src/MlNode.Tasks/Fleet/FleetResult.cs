using MlNode.Tasks.Common;
using MlNode.Tasks.Fleet.Documents;

namespace MlNode.Tasks.Fleet;

/// <summary>A fleet run's rows, worst first, and the exit code a pipeline acts on.</summary>
public sealed class FleetResult
{
    /// <summary>Creates a result.</summary>
    /// <param name="rows">Every pair's row, in any order.</param>
    /// <param name="refusedOk">Whether refused pairs leave the exit code alone (--refused-ok).</param>
    public FleetResult(IEnumerable<FleetRow> rows, bool refusedOk)
    {
        ArgumentNullException.ThrowIfNull(rows);
        Rows = rows
            .OrderBy(r => r.Status)
            .ThenByDescending(r => r.GateFailed)
            .ThenBy(r => r.NodeId, StringComparer.Ordinal)
            .ThenBy(r => r.Model, StringComparer.Ordinal)
            .ToList();
        RefusedOk = refusedOk;
    }

    /// <summary>Gets the rows, worst first: FAIL, ERROR, REFUSED, gate failures, PASS.</summary>
    public IReadOnlyList<FleetRow> Rows { get; }

    /// <summary>Gets whether refused pairs leave the exit code alone.</summary>
    public bool RefusedOk { get; }

    /// <summary>Gets the pairs per status.</summary>
    public FleetCountsInfo Counts => new()
    {
        Total = Rows.Count,
        Pass = Rows.Count(r => r.Status == FleetStatus.Pass),
        Fail = Rows.Count(r => r.Status == FleetStatus.Fail),
        Error = Rows.Count(r => r.Status == FleetStatus.Error),
        Refused = Rows.Count(r => r.Status == FleetStatus.Refused),
        GateFailed = Rows.Count(r => r.GateFailed),
    };

    /// <summary>
    /// Gets the fleet's exit code: 130 when interrupted; else 2 if any pair failed the fraud test (a dishonest node is
    /// the finding a rollout must stop for, whatever else broke); else 1 if any pair errored or was refused (unless
    /// --refused-ok); else 3 if a gate failed; else 0.
    /// </summary>
    public int ExitCode =>
        Rows.Any(r => r.ExitCode == ExitCodes.Interrupted) ? ExitCodes.Interrupted
        : Rows.Any(r => r.Status == FleetStatus.Fail) ? ExitCodes.Fraud
        : Rows.Any(r => r.Status == FleetStatus.Error || (r.Status == FleetStatus.Refused && !RefusedOk)) ? ExitCodes.Error
        : Rows.Any(r => r.GateFailed) ? ExitCodes.Gate
        : ExitCodes.Pass;

    /// <summary>The progress line: <c>12/40 done: 10 PASS, 1 FAIL, 1 ERROR</c>.</summary>
    public static string Progress(int done, int total, IEnumerable<FleetRow> finished)
    {
        ArgumentNullException.ThrowIfNull(finished);
        var counts = finished.GroupBy(r => r.Status).OrderBy(g => g.Key).Select(g => $"{g.Count()} {g.Key.ToString().ToUpperInvariant()}").ToList();
        return $"{done}/{total} done{(counts.Count == 0 ? string.Empty : ": " + string.Join(", ", counts))}";
    }
}
