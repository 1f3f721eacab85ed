namespace MlNode.Tasks.Verification;

/// <summary>One nonce's L2 distance between two vectors.</summary>
/// <param name="Nonce">The nonce.</param>
/// <param name="Distance">The distance (infinity where a vector is unusable).</param>
internal readonly record struct NonceDistance(long Nonce, double Distance);
