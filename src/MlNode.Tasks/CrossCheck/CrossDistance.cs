using MlNode.Tasks.Verification;

namespace MlNode.Tasks.CrossCheck;

/// <summary>How far two sources' vectors are apart (an unordered pair: L2 is symmetric).</summary>
/// <param name="First">A node id or the golden.</param>
/// <param name="Second">Another.</param>
/// <param name="Summary">The distribution of the per-nonce distances.</param>
internal sealed record CrossDistance(string First, string Second, DistanceSummary Summary);
