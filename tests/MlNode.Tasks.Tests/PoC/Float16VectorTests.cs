using MlNode.Tasks.PoC;
using MlNode.Tasks.Tests.Support;
using Newtonsoft.Json.Linq;

namespace MlNode.Tasks.Tests.PoC;

public sealed class Float16VectorTests
{
    [Fact]
    public void Encode_ThenDecode_RoundTripsThroughHalfPrecision()
    {
        float[] values = [0.5f, -0.25f, 0.125f, 1f, 0f, -1f, 0.333f, 0.1f, -0.7f, 0.01f, 0.2f, -0.3f];

        var text = Float16Vector.Encode(values);
        var ok = Float16Vector.TryDecode(text, 12, out var decoded, out var error);

        Assert.True(ok, error);
        Assert.Equal(32, text.Length);
        for (var i = 0; i < values.Length; i++)
        {
            Assert.Equal((float)(Half)values[i], decoded[i]);
        }
    }

    [Theory]
    [InlineData("not*base64", "not valid base64")]
    [InlineData("AAAA", "decodes to 3 bytes, expected 24")]
    [InlineData(null, "missing")]
    public void TryDecode_BadText_ExplainsWhy(string? text, string expected)
    {
        Assert.False(Float16Vector.TryDecode(text, 12, out _, out var error));
        Assert.Contains(expected, error);
    }

    [Fact]
    public void TryDecode_RealReferenceVectors_AreUnitLength()
    {
        var directory = TestReferences.RealReferencesDirectory();
        Assert.SkipWhen(directory is null, "../shared/fixtures/real-references is not present on this machine");

        var norms = Directory.GetFiles(directory!, "*.json")
            .SelectMany(f => (JArray)JObject.Parse(File.ReadAllText(f))["artifacts"]!)
            .Select(a => Float16Vector.TryDecode((string?)a["vector_b64"], 12, out var v, out _) ? VectorMath.Norm(v) : double.NaN)
            .ToList();

        // The set of published references grows: every vector of every file counts, however many there are.
        Assert.NotEmpty(norms);
        Assert.All(norms, n => Assert.InRange(n, 0.999, 1.001));
    }

    [Fact]
    public void Distance_ReceivedNonFinite_IsInfinite()
    {
        float[] a = [1, 0, 0];

        Assert.Equal(double.PositiveInfinity, VectorMath.Distance(a, [float.NaN, 0, 0]));
        Assert.Equal(double.PositiveInfinity, VectorMath.Distance(a, [1, 0]));
        Assert.Equal(Math.Sqrt(2), VectorMath.Distance(a, [0, 1, 0]), 12);
    }
}
