using MlNode.Simulator;
using MlNode.Tasks.Reports;
using MlNode.Tasks.Tests.Support;

namespace MlNode.Tasks.Tests.Ci;

/// <summary>validate_junit.xml for each outcome: valid against the common JUnit subset, with the right result per phase.</summary>
[Trait("Category", "Integration")]
public sealed class JUnitReportTests
{
    private static async Task<(RunResult Result, System.Xml.Linq.XDocument JUnit)> RunAsync(SimulatorOptions options, params (string, string)[] arguments)
    {
        await using var harness = await RunHarness.StartAsync(options);
        harness.WriteReference();
        var result = await harness.RunAsync(arguments);
        return (result, JUnitAssert.Valid(Path.Combine(result.ExperimentDirectory, ExperimentDirectory.JUnitFile)));
    }

    [Fact]
    public async Task Pass_EveryPhaseIsAPassingTestCase()
    {
        var (result, junit) = await RunAsync(RunHarness.FastSimulator);

        Assert.Equal("PASS", result.Verdict);
        Assert.All(new[] { "[1/4] download", "[2/4] deploy", "[3/4] throughput", "[4/4] validate" }, p => Assert.Null(JUnitAssert.Result(junit, p)));
        var suite = junit.Descendants("testsuite").Single();
        Assert.StartsWith($"mlnode-validate {TestReferences.Model} @ http://127.0.0.1:", (string?)suite.Attribute("name"));
        Assert.Contains(suite.Descendants("property"), p => (string?)p.Attribute("name") == "verdict" && (string?)p.Attribute("value") == "PASS");
        Assert.True((double)junit.Descendants("testcase").First().Attribute("time")! > 0);
    }

    [Fact]
    public async Task PassWithMismatches_IsStillPassingWithTheCountsInTheOutput()
    {
        var (result, junit) = await RunAsync(RunHarness.With("dishonest:5"));

        Assert.Equal("PASS (with mismatches within stat-test tolerance)", result.Verdict);
        Assert.Null(JUnitAssert.Result(junit, "[4/4] validate"));
        Assert.Contains("n_mismatch=1", junit.Descendants("testcase").Last().Element("system-out")!.Value);
    }

    [Fact]
    public async Task Fraud_IsAFailureCarryingTheEvidenceAndTheStatTest()
    {
        var (_, junit) = await RunAsync(RunHarness.With("dishonest:0.5"));

        var failure = JUnitAssert.Result(junit, "[4/4] validate")!;
        Assert.Equal("failure", failure.Name.LocalName);
        Assert.Matches(@"^FAIL — \d+ of 32 nonces beyond 0\.2 \(p ", (string?)failure.Attribute("message"));
        Assert.Contains(" Next: ", (string?)failure.Attribute("message"));
        Assert.Contains("mismatch_nonces=", failure.Value);
        Assert.Contains("stat_test: dist_threshold=0.2 (reference), p_mismatch=0.001 (server-default), fraud_threshold=0.01 (server-default)", failure.Value);
    }

    [Fact]
    public async Task HardError_IsAnErrorWithTheErrorLineAndLaterPhasesAreSkipped()
    {
        var (result, junit) = await RunAsync(RunHarness.With("deploy-fails"));

        var error = JUnitAssert.Result(junit, "[2/4] deploy")!;
        Assert.Equal("error", error.Name.LocalName);
        Assert.Equal("ERROR: " + result.Outcome.Error, (string?)error.Attribute("message"));
        Assert.Equal("not reached: deploy failed", (string?)JUnitAssert.Result(junit, "[3/4] throughput")!.Attribute("message"));
    }

    [Fact]
    public async Task SkippedPhases_AreSkippedWithTheReason()
    {
        var (_, junit) = await RunAsync(RunHarness.FastSimulator, ("skip-throughput", string.Empty), ("skip-validate", string.Empty));

        Assert.Equal("--skip-throughput", (string?)JUnitAssert.Result(junit, "[3/4] throughput")!.Attribute("message"));
        Assert.Equal("--skip-validate", (string?)JUnitAssert.Result(junit, "[4/4] validate")!.Attribute("message"));
        Assert.Null(JUnitAssert.Result(junit, "[1/4] download"));
    }

    [Theory]
    [InlineData("")]
    [InlineData("dishonest:0.5")]
    [InlineData("dishonest:5")]
    [InlineData("deploy-fails")]
    [InlineData("slow-replica:0.3")]
    public async Task Render_EveryOutcome_IsAcceptedByTheJenkinsXunitSchema(string fault)
    {
        Assert.SkipWhen(!JUnitAssert.HasJenkinsSchema, "../shared/fixtures/junit/jenkins-xunit-junit-10.xsd is not present on this machine");
        var options = fault.Length == 0 ? RunHarness.FastSimulator : RunHarness.With(fault);

        var (_, junit) = await RunAsync(options);

        Assert.Null(junit.Root!.Attribute("skipped"));
        Assert.NotEmpty(junit.Descendants("testsuite").Single().Descendants("testcase"));
    }
}
