using MlNode.Tasks.Verification;
using System.Buffers.Binary;
using MlNode.Tasks.References;
using MlNode.Tasks.Tests.Support;
using Newtonsoft.Json.Linq;

namespace MlNode.Tasks.Tests.CrossCheck;

public sealed class PairDistancesTests
{
    [Fact]
    public void Summarize_RealGlmDefaultAgainstItsH100Tp8Recording_FindsExactlyTheNoncesBeyondTheThreshold()
    {
        // Given: gonka's GLM-5.3-Flash reference and its 8xH100 TP=8 variant (same seed, block hash and key).
        var real = TestReferences.RealReferencesDirectory();
        Assert.SkipWhen(real is null, "../shared/fixtures/real-references is absent: the real GLM recordings are not compared");
        var defaultPath = Path.Combine(real!, "zai-org-glm-5.3-flash.json");
        var h100Path = Path.Combine(real!, "zai-org-glm-5.3-flash-h100-tp8.json");
        Assert.SkipWhen(!File.Exists(defaultPath) || !File.Exists(h100Path), "the GLM recordings are not in ../shared/fixtures/real-references");
        var first = ReferenceReader.Load(defaultPath);
        var second = ReferenceReader.Load(h100Path);

        // When: the cross-check's local distances at the references' own threshold.
        var summary = PairDistances.Summarize(PairDistances.PerNonce(first.Vectors, second.Vectors), first.Header.DistThreshold!.Value);

        // Then: the same nonces an independent decoding of the files finds (float16 by hand, L2 in double).
        var expected = IndependentlyBeyond(defaultPath, h100Path, 0.44);
        Assert.Equal(0.44, first.Header.DistThreshold);
        Assert.Equal(Math.Min(first.Vectors.Count, second.Vectors.Count), summary.Compared);
        Assert.Equal(expected, summary.AboveNonces);
        Assert.NotEmpty(expected);
        Assert.True(summary.Median < 0.44 && summary.Max > 0.44, $"median {summary.Median}, max {summary.Max}");
    }

    [Fact]
    public void Summarize_KnownDistances_MedianP99MaxByNearestRankAndInfinityIsBeyond()
    {
        // Given: 100 distances 0.01..1.00 and one unusable vector (infinite distance).
        var distances = Enumerable.Range(1, 100).Select(i => new NonceDistance(i, i / 100.0)).Append(new NonceDistance(0, double.PositiveInfinity)).ToList();

        // When
        var summary = PairDistances.Summarize(distances, 0.95);

        // Then: percentiles over the finite distances; the infinite one counts beyond the threshold, never as a pass.
        Assert.Equal(101, summary.Compared);
        Assert.Equal(0.50, summary.Median!.Value, 6);
        Assert.Equal(0.99, summary.P99!.Value, 6);
        Assert.Equal([0L, 96, 97, 98, 99, 100], summary.AboveNonces.Order());
    }

    [Fact]
    public void PerNonce_SetsWithDifferentNonces_ComparesOnlyTheNoncesBothHold()
    {
        // Given
        var a = new[] { Vector(0, 1, 0), Vector(1, 1, 0), Vector(2, 0, 1) };
        var b = new[] { Vector(1, 0, 1), Vector(2, 0, 1), Vector(3, 1, 0) };

        // When
        var distances = PairDistances.PerNonce(a, b);

        // Then
        Assert.Equal([1L, 2], distances.Select(d => d.Nonce));
        Assert.Equal(Math.Sqrt(2), distances[0].Distance, 6);
        Assert.Equal(0, distances[1].Distance, 6);
    }

    private static ReferenceVector Vector(long nonce, float x, float y) => new(nonce, string.Empty, [x, y]);

    private static List<long> IndependentlyBeyond(string firstPath, string secondPath, double threshold)
    {
        var first = Decode(firstPath);
        var second = Decode(secondPath);
        return first.Keys.Where(second.ContainsKey).Order()
            .Where(n => Math.Sqrt(first[n].Zip(second[n], (x, y) => (x - y) * (x - y)).Sum()) > threshold)
            .ToList();
    }

    private static Dictionary<long, double[]> Decode(string path) =>
        JObject.Parse(File.ReadAllText(path))["artifacts"]!.ToDictionary(
            a => (long)a["nonce"]!,
            a =>
            {
                var bytes = Convert.FromBase64String((string)a["vector_b64"]!);
                return Enumerable.Range(0, bytes.Length / 2).Select(i => (double)BinaryPrimitives.ReadHalfLittleEndian(bytes.AsSpan(i * 2))).ToArray();
            });
}
