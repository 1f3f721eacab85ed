using MlNode.Tasks.Common;
using MlNode.Tasks.CrossCheck;
using MlNode.Tasks.Fleet;

// CS8524 asks for an arm for integers cast to the enum: these enums are never cast from numbers, and a default arm
// would silence CS8509, the error that names a new outcome nobody mapped.
#pragma warning disable CS8524

namespace MlNode.Tasks.Addin;

/// <summary>
/// The addin's enums from the judgement's. Each switch names every value and has no default arm, so a new outcome is a
/// build error (CS8509 under TreatWarningsAsErrors), never a run-time surprise in a user's script.
/// </summary>
internal static class AddinOutcomes
{
    /// <summary>The script's verdict: a run that never finished is an error to a script.</summary>
    public static MlNodeVerdict Verdict(VerdictKind kind) => kind switch
    {
        VerdictKind.Pass => MlNodeVerdict.Pass,
        VerdictKind.PassWithMismatches => MlNodeVerdict.PassWithMismatches,
        VerdictKind.Fail => MlNodeVerdict.Fail,
        VerdictKind.Skipped => MlNodeVerdict.Skipped,
        VerdictKind.Error => MlNodeVerdict.Error,
        VerdictKind.Interrupted => MlNodeVerdict.Interrupted,
        VerdictKind.Incomplete => MlNodeVerdict.Error,
    };

    /// <summary>A fleet pair's status.</summary>
    public static MlNodePairStatus Pair(FleetStatus status) => status switch
    {
        FleetStatus.Fail => MlNodePairStatus.Fail,
        FleetStatus.Error => MlNodePairStatus.Error,
        FleetStatus.Refused => MlNodePairStatus.Refused,
        FleetStatus.Pass => MlNodePairStatus.Pass,
    };

    /// <summary>A CrossCheck cell's status.</summary>
    public static MlNodeCellStatus Cell(CrossCellStatus status) => status switch
    {
        CrossCellStatus.Pass => MlNodeCellStatus.Pass,
        CrossCellStatus.Fail => MlNodeCellStatus.Fail,
        CrossCellStatus.Error => MlNodeCellStatus.Error,
        CrossCellStatus.Interrupted => MlNodeCellStatus.Interrupted,
    };
}
