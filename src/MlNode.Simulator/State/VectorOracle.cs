using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using MlNode.Tasks.PoC;

namespace MlNode.Simulator.State;

/// <summary>What determines a PoC vector besides the nonce (mlnode-api.md §4).</summary>
/// <param name="Model">The model id.</param>
/// <param name="SeqLen">seq_len.</param>
/// <param name="KDim">k_dim.</param>
/// <param name="BlockHash">block_hash.</param>
/// <param name="PublicKey">public_key.</param>
public sealed record VectorInputs(string Model, int SeqLen, int KDim, string BlockHash, string PublicKey);

/// <summary>
/// Computes the simulated node's PoC vectors: deterministic unit vectors seeded by a SHA-256 of everything a
/// real vector depends on, plus a small perturbation that depends on the batch size, so that (as on real nodes)
/// a reference baked at another batch size differs slightly on every nonce — by more than the server default
/// threshold (0.02), far less than the consensus one (0.2).
/// </summary>
public static class VectorOracle
{
    /// <summary>How far the batch composition moves a vector before normalization.</summary>
    public const double BatchPerturbation = 0.06;

    /// <summary>
    /// The honest vector for a nonce computed in a batch of <paramref name="batchSize"/>, on <paramref name="hardware"/>
    /// (null: the one class of a node that names none, with no perturbation at all).
    /// </summary>
    public static float[] Honest(VectorInputs inputs, long nonce, int batchSize, HardwareClass? hardware = null)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        var seed = Seed(inputs, nonce);
        var baseVector = UnitVector(seed, "base", inputs.KDim);
        var shift = UnitVector(seed, "batch:" + batchSize.ToString(System.Globalization.CultureInfo.InvariantCulture), inputs.KDim);
        var values = new double[inputs.KDim];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = baseVector[i] + (BatchPerturbation * shift[i]);
        }

        if (hardware is not null)
        {
            var diverges = Uniform(inputs, nonce, "diverge:" + hardware.Name, 0) < hardware.Divergence;
            var size = diverges ? HardwareClass.DivergentPerturbation : HardwareClass.ClassPerturbation;
            var direction = UnitVector(seed, (diverges ? "diverge:" : "class:") + hardware.Name, inputs.KDim);
            for (var i = 0; i < values.Length; i++)
            {
                values[i] += size * direction[i];
            }
        }

        return RoundToHalf(Normalize(values));
    }

    /// <summary>A wrong vector for a nonce: what a dishonest node returns (unit length, unrelated direction).</summary>
    public static float[] Dishonest(VectorInputs inputs, long nonce)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        return RoundToHalf(Normalize(UnitVector(Seed(inputs, nonce), "dishonest", inputs.KDim)));
    }

    /// <summary>A deterministic number in [0, 1) for a nonce and a purpose (used to pick a dishonest fraction).</summary>
    public static double Uniform(VectorInputs inputs, long nonce, string purpose, int seed)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        var bytes = SHA256.HashData(Encoding.UTF8.GetBytes($"{Convert.ToHexString(Seed(inputs, nonce))}|{purpose}|{seed}"));
        return (BinaryPrimitives.ReadUInt64LittleEndian(bytes) >> 11) * (1.0 / (1UL << 53));
    }

    private static byte[] Seed(VectorInputs inputs, long nonce) =>
        SHA256.HashData(Encoding.UTF8.GetBytes($"mlnode-sim|v1|{inputs.Model}|{inputs.SeqLen}|{inputs.KDim}|{inputs.BlockHash}|{inputs.PublicKey}|{nonce}"));

    // Gaussian components from a SHA-256 counter stream (Box-Muller), so the direction is uniform on the sphere.
    private static double[] UnitVector(byte[] seed, string purpose, int dimensions)
    {
        var values = new double[dimensions];
        var counter = 0;
        for (var i = 0; i < dimensions; i += 2)
        {
            var block = SHA256.HashData(Encoding.UTF8.GetBytes($"{Convert.ToHexString(seed)}|{purpose}|{counter++}"));
            var u1 = ((BinaryPrimitives.ReadUInt64LittleEndian(block) >> 11) + 1) * (1.0 / ((1UL << 53) + 1));
            var u2 = (BinaryPrimitives.ReadUInt64LittleEndian(block.AsSpan(8)) >> 11) * (1.0 / (1UL << 53));
            var radius = Math.Sqrt(-2 * Math.Log(u1));
            values[i] = radius * Math.Cos(2 * Math.PI * u2);
            if (i + 1 < dimensions)
            {
                values[i + 1] = radius * Math.Sin(2 * Math.PI * u2);
            }
        }

        return Normalize(values);
    }

    private static double[] Normalize(double[] values)
    {
        var norm = Math.Sqrt(values.Sum(v => v * v));
        return values.Select(v => v / norm).ToArray();
    }

    private static float[] RoundToHalf(double[] values) => values.Select(v => (float)(Half)v).ToArray();

    /// <summary>Encodes a vector the way the node sends it.</summary>
    public static string Encode(float[] values) => Float16Vector.Encode(values);
}
