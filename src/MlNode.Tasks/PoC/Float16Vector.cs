using System.Buffers.Binary;

namespace MlNode.Tasks.PoC;

/// <summary>
/// The PoC v2 vector wire format (mlnode-api.md §4): <c>k_dim</c> IEEE half-precision numbers, little-endian,
/// concatenated and standard-base64 encoded. Decoding widens to float32.
/// </summary>
internal static class Float16Vector
{
    /// <summary>Decodes a vector, or explains in <paramref name="error"/> why the text is not one of <paramref name="kDim"/> values.</summary>
    public static bool TryDecode(string? base64, int kDim, out float[] values, out string? error)
    {
        values = [];
        if (base64 is null)
        {
            error = "vector_b64 is missing";
            return false;
        }

        // 12 dimensions are 24 bytes: decode on the stack, the only allocation is the result.
        Span<byte> bytes = base64.Length <= 1024 ? stackalloc byte[((base64.Length + 3) / 4) * 3] : new byte[((base64.Length + 3) / 4) * 3];
        if (!Convert.TryFromBase64String(base64, bytes, out var written))
        {
            error = "vector_b64 is not valid base64";
            return false;
        }

        if (written != kDim * 2)
        {
            error = $"vector_b64 decodes to {written} bytes, expected {kDim * 2} ({kDim} float16 values)";
            return false;
        }

        values = new float[kDim];
        for (var i = 0; i < kDim; i++)
        {
            values[i] = (float)BinaryPrimitives.ReadHalfLittleEndian(bytes.Slice(i * 2, 2));
        }

        error = null;
        return true;
    }

    /// <summary>Encodes values as little-endian float16 base64 (values are rounded to the nearest half).</summary>
    public static string Encode(ReadOnlySpan<float> values)
    {
        var bytes = new byte[values.Length * 2];
        for (var i = 0; i < values.Length; i++)
        {
            BinaryPrimitives.WriteHalfLittleEndian(bytes.AsSpan(i * 2, 2), (Half)values[i]);
        }

        return Convert.ToBase64String(bytes);
    }
}
