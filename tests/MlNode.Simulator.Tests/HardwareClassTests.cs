using MlNode.Simulator.Fleet;
using MlNode.Simulator.State;
using MlNode.Tasks.PoC;
using Newtonsoft.Json.Linq;

namespace MlNode.Simulator.Tests;

[Trait("Category", "Integration")]
public sealed class HardwareClassTests
{
    private static readonly VectorInputs Inputs = new("Org/Model", 1024, 12, "TEST_BLOCK", "test_pub_keys");

    private static double Distance(long nonce, HardwareClass? a, HardwareClass? b) =>
        VectorMath.Distance(VectorOracle.Honest(Inputs, nonce, 64, a), VectorOracle.Honest(Inputs, nonce, 64, b));

    [Fact]
    public void Honest_SameClass_SameVectorsOnEveryNode()
    {
        var h100 = HardwareClass.Parse("NVIDIA H100");

        Assert.All(Enumerable.Range(0, 50), n => Assert.Equal(0, Distance(n, h100, HardwareClass.Parse("NVIDIA H100"))));
    }

    [Fact]
    public void Honest_TwoClassesWithoutDivergence_CloseButNotEqualOnEveryNonce()
    {
        var distances = Enumerable.Range(0, 200).Select(n => Distance(n, HardwareClass.Parse("NVIDIA H100"), HardwareClass.Parse("NVIDIA H200"))).ToList();

        Assert.All(distances, d => Assert.InRange(d, 1e-4, 0.05));
    }

    [Fact]
    public void Honest_DivergingClass_FarOnAboutItsFractionOfNoncesAndTheSameOnesOnEveryNodeOfIt()
    {
        // Given
        var b200 = HardwareClass.Parse("NVIDIA B200:0.3");
        var h100 = HardwareClass.Parse("NVIDIA H100");

        // When
        var far = Enumerable.Range(0, 1000).Where(n => Distance(n, b200, h100) > 0.44).ToList();

        // Then: about 30 % beyond even the largest real threshold, the rest as close as any two classes
        Assert.InRange(far.Count, 250, 350);
        Assert.All(Enumerable.Range(0, 1000).Except(far), n => Assert.True(Distance(n, b200, h100) < 0.05));
        Assert.Equal(far, Enumerable.Range(0, 1000).Where(n => Distance(n, HardwareClass.Parse("NVIDIA B200:0.3"), HardwareClass.Parse("NVIDIA H200")) > 0.44));
    }

    [Theory]
    [InlineData("B200:1.5")]
    [InlineData(":0.3")]
    [InlineData("  ")]
    public void Parse_NoClassOrAFractionBeyondOne_IsAFormatErrorSayingHow(string text)
    {
        var error = Assert.Throws<FormatException>(() => HardwareClass.Parse(text));

        Assert.Contains("--hardware=", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AdminApi_FleetHardware_EachNodeShowsItsClass()
    {
        // Given
        await using var fleet = await SimulatedFleet.StartAsync(FleetOptions.Parse(["--fleet=2", "--port=0", "--fleet-hardware=2:NVIDIA B200:0.3"]));
        using var http = new HttpClient();

        // When
        var nodes = JArray.Parse(await http.GetStringAsync(new Uri(new Uri(fleet.AdminUrl), "/admin/v1/nodes")));

        // Then: node2 shows its class; node1, given none, the simulator's generic one
        Assert.Equal("NVIDIA B200", (string?)nodes.Single(n => (string?)n["node"]!["id"] == "node2")["node"]!["hardware"]![0]!["type"]);
        Assert.Equal("Simulated GPU", (string?)nodes.Single(n => (string?)n["node"]!["id"] == "node1")["node"]!["hardware"]![0]!["type"]);
    }
}
