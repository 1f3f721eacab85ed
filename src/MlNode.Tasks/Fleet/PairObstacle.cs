using MlNode.Tasks.Fleet.Safety;

namespace MlNode.Tasks.Fleet;

/// <summary>
/// Why a pair cannot run, known before its node is touched: the node is in use (when its state is checked), the
/// Network Node would not launch the model, or the model's launch args are unknown. One rule for Fleet, FleetPlan
/// (which leaves such pairs out of the matrix) and FleetReport (which lists them as Fleet would).
/// </summary>
/// <param name="Status">REFUSED or ERROR.</param>
/// <param name="Reason">Why, in one line.</param>
internal sealed record PairObstacle(FleetStatus Status, string Reason)
{
    /// <summary>The pair's obstacle, or null when it can run.</summary>
    /// <param name="pair">The pair.</param>
    /// <param name="checkState">Whether node state is known and checked (the Admin API, without --ignore-safety).</param>
    public static PairObstacle? Of(FleetPair pair, bool checkState)
    {
        ArgumentNullException.ThrowIfNull(pair);
        if (checkState && NodeSafety.RefusalReason(pair.Node.State) is { } inUse)
        {
            return new PairObstacle(FleetStatus.Refused, inUse);
        }

        return pair.Refusal is { } notLaunched ? new PairObstacle(FleetStatus.Refused, notLaunched)
            : pair.LaunchError is { } unknownArgs ? new PairObstacle(FleetStatus.Error, unknownArgs)
            : null;
    }

    /// <summary>The row of a pair that did not run for this reason.</summary>
    public FleetRow Row(FleetPair pair, string url) => FleetRow.NotRun(pair, url, Status, Reason, Common.ExitCodes.Error);
}
