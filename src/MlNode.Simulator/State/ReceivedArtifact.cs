namespace MlNode.Simulator.State;

/// <summary>One artifact of a validation request, as the node received it.</summary>
/// <param name="Nonce">The nonce.</param>
/// <param name="Vector">vector_b64 (prefill; empty or absent under decode).</param>
/// <param name="Steps">k_points_steps (decode), or null when absent.</param>
public sealed record ReceivedArtifact(long Nonce, string? Vector, IReadOnlyList<int>? Steps);
