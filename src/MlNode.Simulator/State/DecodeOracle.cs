using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using MlNode.Tasks.PoC.Decode;

namespace MlNode.Simulator.State;

/// <summary>
/// The simulated node's decode PoC (decode-poc.md): a fixed codebook of 16 unit points in R^256; at every step a unit
/// hidden state q_t, determined by the PoC inputs, the nonce, the step and the previous (teacher-forced) value, scored
/// by its cosine with each point. A hardware class moves every score a little (honest GPUs then disagree on the few
/// steps whose best two points are nearly tied, with small margins); a dishonest node scores an unrelated state.
/// </summary>
public static class DecodeOracle
{
    /// <summary>The dimension of the hidden state and the codebook points.</summary>
    public const int Dimensions = 256;

    private static readonly double[][] Codebook = BuildCodebook();

    /// <summary>The trajectory k_0..k_N a node computes freely (each step driven by its own previous value).</summary>
    public static int[] Trajectory(VectorInputs inputs, long nonce, int maxTokens, HardwareClass? hardware, bool dishonest)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        var steps = new int[maxTokens + 1];
        var previous = -1;
        for (var t = 0; t < steps.Length; t++)
        {
            previous = steps[t] = ArgMax(Scores(inputs, nonce, t, previous, hardware, dishonest));
        }

        return steps;
    }

    /// <summary>
    /// Re-runs a prover's trajectory teacher-forced and scores it as the validator does: the steps where this node's
    /// value differs, and the largest claimed margin among them (2.0 where the prover's value is no codebook index).
    /// </summary>
    public static DecodeScore Score(VectorInputs inputs, long nonce, IReadOnlyList<int> prover, HardwareClass? hardware, bool dishonest)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(prover);
        var mismatching = 0;
        var marginMax = 0.0;
        for (var t = 0; t < prover.Count; t++)
        {
            var claimed = prover[t];
            double margin;
            if (!DecodeCodebook.IsPoint(claimed))
            {
                margin = DecodeCodebook.OutOfRangeMargin;
            }
            else
            {
                var scores = Scores(inputs, nonce, t, t == 0 ? -1 : prover[t - 1], hardware, dishonest);
                var own = ArgMax(scores);
                if (own == claimed)
                {
                    continue;
                }

                margin = scores[own] - scores[claimed];
            }

            mismatching++;
            marginMax = Math.Max(marginMax, margin);
        }

        return new DecodeScore(prover.Count, mismatching, marginMax);
    }

    // The cosine of the step's hidden state with each codebook point, moved by the hardware's kernels.
    private static double[] Scores(VectorInputs inputs, long nonce, int step, int previous, HardwareClass? hardware, bool dishonest)
    {
        var seed = Hash(
            $"mlnode-sim|decode|v1|{inputs.Model}|{inputs.SeqLen}|{inputs.KDim}|{inputs.BlockHash}|{inputs.PublicKey}|" +
            $"{nonce}|{step}|{previous}{(dishonest ? "|dishonest" : string.Empty)}");
        var state = Gaussian(seed, Dimensions);
        var norm = Math.Sqrt(state.Sum(v => v * v));
        var scores = new double[DecodeCodebook.Points];
        for (var j = 0; j < scores.Length; j++)
        {
            var point = Codebook[j];
            var dot = 0.0;
            for (var i = 0; i < Dimensions; i++)
            {
                dot += state[i] * point[i];
            }

            scores[j] = dot / norm;
        }

        if (hardware is not null)
        {
            // A class's kernels move every score by a few 1e-4 (its own direction per nonce and step); on the nonces
            // the class diverges on (gonka #1691), by ten times more.
            var diverges = VectorOracle.Uniform(inputs, nonce, "decode-diverge:" + hardware.Name, 0) < hardware.Divergence;
            var size = diverges ? HardwareClass.DecodeDivergentJitter : HardwareClass.DecodeJitter;
            var jitter = Gaussian(Hash(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{seed:x16}|class:{hardware.Name}")), scores.Length);
            for (var j = 0; j < scores.Length; j++)
            {
                scores[j] += size * jitter[j];
            }
        }

        return scores;
    }

    private static int ArgMax(double[] scores)
    {
        var best = 0;
        for (var j = 1; j < scores.Length; j++)
        {
            if (scores[j] > scores[best])
            {
                best = j;
            }
        }

        return best;
    }

    private static double[][] BuildCodebook()
    {
        var points = new double[DecodeCodebook.Points][];
        for (var j = 0; j < points.Length; j++)
        {
            var point = Gaussian(Hash($"mlnode-sim|decode-codebook|v1|{j}"), Dimensions);
            var norm = Math.Sqrt(point.Sum(v => v * v));
            points[j] = point.Select(v => v / norm).ToArray();
        }

        return points;
    }

    private static ulong Hash(string text) => BinaryPrimitives.ReadUInt64LittleEndian(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    // Standard normal components from a SplitMix64 stream (Box-Muller): one hash per step, not one per component.
    private static double[] Gaussian(ulong seed, int count)
    {
        var values = new double[count];
        var state = seed;
        for (var i = 0; i < count; i += 2)
        {
            var u1 = ((Next(ref state) >> 11) + 1) * (1.0 / ((1UL << 53) + 1));
            var u2 = (Next(ref state) >> 11) * (1.0 / (1UL << 53));
            var radius = Math.Sqrt(-2 * Math.Log(u1));
            values[i] = radius * Math.Cos(2 * Math.PI * u2);
            if (i + 1 < count)
            {
                values[i + 1] = radius * Math.Sin(2 * Math.PI * u2);
            }
        }

        return values;
    }

    private static ulong Next(ref ulong state)
    {
        var z = state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}

/// <summary>How a validator scores one nonce of a decode trajectory.</summary>
/// <param name="Steps">n_steps: the steps compared.</param>
/// <param name="Mismatching">n_sphere_mismatches: the steps where the validator's value differs.</param>
/// <param name="MarginMax">mismatch_margin_max: the largest claimed margin among them (0 when none).</param>
public sealed record DecodeScore(int Steps, int Mismatching, double MarginMax);
