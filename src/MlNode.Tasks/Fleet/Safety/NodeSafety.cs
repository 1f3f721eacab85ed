using System.Globalization;
using MlNode.Tasks.Fleet.Documents;

namespace MlNode.Tasks.Fleet.Safety;

/// <summary>
/// Whether a node's broker state shows it in use, by the rules the Network Node's own tester refuses a test with
/// (decentralized-api's node_test_safety.go), plus one more: a node routable for inference right now. Validation
/// redeploys vLLM and runs PoC, which on a node the network is using costs its operator real rewards.
/// </summary>
internal static class NodeSafety
{
    private const string Poc = "POC";
    private const string Inference = "INFERENCE";

    // Each rule is a named predicate with the reason it gives, checked in the tester's order.
    private static readonly IReadOnlyList<(Func<NodeState, bool> Applies, Func<NodeState, string> Reason)> Rules =
    [
        (s => s.EpochMlNodes.Any, _ => "assigned in the current epoch (epoch_ml_nodes is not empty)"),
        (s => s.PreservedModels.Any, _ => "preserved for inference service (preserved_models is not empty)"),
        (s => s.LockCount > 0, s => string.Create(CultureInfo.InvariantCulture, $"serving inference requests (lock_count={s.LockCount})")),
        (s => s.ReconcileInfo.Present, _ => "reconciling (reconcile_info is set)"),
        (IsInPoc, s => $"participating in PoC (current_status={s.CurrentStatus}, intended_status={s.IntendedStatus})"),
        (IsRoutable, _ => "routable for inference (INFERENCE, enabled, with epoch_models)"),
    ];

    /// <summary>Why the node must not be validated now, or null when it looks idle.</summary>
    /// <param name="state">The broker's state; null (the Admin API gave none) is refused, since nothing shows it idle.</param>
    public static string? RefusalReason(NodeState? state)
    {
        if (state is null)
        {
            return "the Admin API gave no state for this node, so it cannot be shown to be idle";
        }

        foreach (var (applies, reason) in Rules)
        {
            if (applies(state))
            {
                return "node is " + reason(state) + "; disable it first (POST /admin/v1/nodes/<id>/disable, effective at the end of the epoch) or pass --ignore-safety";
            }
        }

        return null;
    }

    private static bool IsInPoc(NodeState s) => Is(s.CurrentStatus, Poc) || Is(s.IntendedStatus, Poc);

    private static bool IsRoutable(NodeState s) =>
        Is(s.CurrentStatus, Inference) && Is(s.IntendedStatus, Inference) && s.EpochModels.Any && s.AdminState is { Enabled: true };

    private static bool Is(string? status, string expected) => string.Equals(status, expected, StringComparison.OrdinalIgnoreCase);
}
