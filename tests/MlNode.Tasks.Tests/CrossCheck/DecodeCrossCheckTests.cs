using MlNode.Tasks.Common;
using MlNode.Tasks.CrossCheck;
using MlNode.Tasks.PoC;
using MlNode.Tasks.Tests.Support;
using Newtonsoft.Json.Linq;

namespace MlNode.Tasks.Tests.CrossCheck;

/// <summary>CrossCheck under a decode reference: the τ calibration table over simulated hardware classes.</summary>
[Trait("Category", "Integration")]
public sealed class DecodeCrossCheckTests
{
    [Fact]
    public async Task RunAsync_DecodeReferenceOverThreeClasses_GivesTheTauTableAndWhoSetsIt()
    {
        // Given: three classes, the B200 diverging on 30 % of the nonces (margins up to a few 1e-2), and a decode golden
        await using var fleet = await FleetHarness.StartAsync("--fleet=3", "--fleet-hardware=1:NVIDIA H100", "--fleet-hardware=2:NVIDIA H200", "--fleet-hardware=3:NVIDIA B200:0.3");
        TestReferences.Write(fleet.Root.Combine("references"), TestReferences.DecodeDocument(count: 60, maxTokens: 16));

        // When
        var (run, console) = await fleet.CrossCheckAsync(("num-nonces", "60"));

        // Then: every class pair measured (the golden's recording re-run by each class, and each class by each other)
        var matrix = Assert.Single(run.Matrices);
        var tau = matrix.Tau;
        Assert.NotNull(tau);
        Assert.Equal(9, tau.Pairs.Count);
        Assert.Contains("[node2] generated 60 trajectories", console, StringComparison.Ordinal);
        Assert.All(matrix.Cells, c => Assert.NotEqual(CrossSchedule.Golden, c.Validator));

        // The H100/H200 pair disagrees only on near ties: small margins, well within τ 0.025
        var quiet = tau.Pairs.Single(p => p.Generator == "NVIDIA H100" && p.Validator == "NVIDIA H200");
        Assert.True(quiet.Differing > 0, "two classes disagree on some steps");
        Assert.InRange(quiet.TauNeeded, 0, 0.015);
        Assert.True(quiet.Headroom >= 0);

        // The diverging B200 sets the model's τ, above the default, and its pairs read as fraud at 0.025
        Assert.True(tau.TauNeeded > 0.025, $"τ needed {tau.TauNeeded}");
        Assert.Contains("B200", tau.Tightest!.Generator + tau.Tightest.Validator, StringComparison.Ordinal);
        Assert.True(tau.Headroom < 0);
        Assert.Equal(ExitCodes.Fraud, run.ExitCode);
        Assert.Equal(TauCalibration.Allowed(60, new StatTestParameters(0.025, 0.002, 0.01)), quiet.Allowed);

        // And the files say so
        var text = File.ReadAllText(Path.Combine(run.Directory, CrossCheckFiles.TextFile));
        Assert.Contains("τ calibration (decode;", text, StringComparison.Ordinal);
        Assert.Contains("τ needed: ", text, StringComparison.Ordinal);
        var model = JObject.Parse(File.ReadAllText(Path.Combine(run.Directory, CrossCheckFiles.ReportFile)))["models"]![0]!;
        Assert.Equal("decode", (string?)model["scheme"]);
        Assert.Equal(9, ((JArray)model["tau_calibration"]!["pairs"]!).Count);
        var html = File.ReadAllText(Path.Combine(run.Directory, CrossCheckFiles.HtmlFile));
        Assert.Contains("<table class=\"tau\">", html, StringComparison.Ordinal);
        Assert.Equal(9, System.Text.RegularExpressions.Regex.Count(html, "<small class=\"margin\">max margin 0\\.\\d{4}</small>"));
    }

    [Fact]
    public void Allowed_BinomialTail_IsTheMostMismatchesThatStillPass()
    {
        var statTest = new StatTestParameters(0.025, 0.01, 0.05);

        var allowed = TauCalibration.Allowed(200, statTest);

        Assert.False(statTest.Evaluate(allowed, 200).FraudDetected);
        Assert.True(statTest.Evaluate(allowed + 1, 200).FraudDetected);
    }

    [Fact]
    public void TauNeeded_MarginsLargestFirst_IsTheFirstMarginBeyondTheAllowedCount()
    {
        var pair = new TauPair("A", "B", 100, 4, [0.05, 0.03, 0.01, 0.002], 2, 2);

        Assert.Equal(0.01, pair.TauNeeded);
        Assert.Equal(0, pair.Headroom);
        Assert.Equal(0.05, pair.Quantile(1));
    }
}
