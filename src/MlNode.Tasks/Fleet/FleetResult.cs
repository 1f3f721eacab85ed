using MlNode.Tasks.Common;
using MlNode.Tasks.Fleet.Documents;

namespace MlNode.Tasks.Fleet;

/// <summary>A fleet run's rows, worst first, and the exit code a pipeline acts on.</summary>
internal sealed class FleetResult
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
    /// Gets the fleet's exit code: each pair's code (a refused pair counts as an error unless --refused-ok) combined by
    /// the one rule every multi-run target uses, <see cref="ExitCodes.Worst"/>.
    /// </summary>
    public int ExitCode => ExitCodes.Worst(Rows.Select(PairCode));

    // A judged pair's code is its judgement's (the row carries it); only --refused-ok changes a refused pair's.
    private int PairCode(FleetRow row) => row.Status == FleetStatus.Refused && RefusedOk ? ExitCodes.Pass : row.ExitCode;

    /// <summary>The progress line: <c>12/40 done: 10 PASS, 1 FAIL, 1 ERROR</c>.</summary>
    public static string Progress(int done, int total, IEnumerable<FleetRow> finished)
    {
        ArgumentNullException.ThrowIfNull(finished);
        var counts = finished.GroupBy(r => r.Status).OrderBy(g => g.Key).Select(g => $"{g.Count()} {g.Key.ToString().ToUpperInvariant()}").ToList();
        return $"{done}/{total} done{(counts.Count == 0 ? string.Empty : ": " + string.Join(", ", counts))}";
    }
}
