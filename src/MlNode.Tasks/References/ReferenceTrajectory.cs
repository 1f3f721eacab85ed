namespace MlNode.Tasks.References;

/// <summary>One honest decode trajectory of a golden reference: the codebook index of every step, k_0..k_N.</summary>
/// <param name="Nonce">The nonce it was generated for.</param>
/// <param name="Steps">max_tokens + 1 values, each in 0..15.</param>
internal sealed record ReferenceTrajectory(long Nonce, IReadOnlyList<int> Steps);
