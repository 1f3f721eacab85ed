namespace MlNode.Tasks.References;

/// <summary>One pre-computed honest vector of a golden reference.</summary>
/// <param name="Nonce">The nonce it was computed for.</param>
/// <param name="VectorBase64">The vector as the node encodes it (float16, little-endian, base64).</param>
/// <param name="Values">The decoded values.</param>
internal sealed record ReferenceVector(long Nonce, string VectorBase64, float[] Values);
