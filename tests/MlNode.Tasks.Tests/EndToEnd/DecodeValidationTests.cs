using MlNode.Simulator.State;
using MlNode.Tasks.Common;
using MlNode.Tasks.Documents;
using MlNode.Tasks.Metrics;
using MlNode.Tasks.Reports;
using MlNode.Tasks.Tests.Support;
using Newtonsoft.Json.Linq;

namespace MlNode.Tasks.Tests.EndToEnd;

/// <summary>Validation under a decode reference (decode-poc.md), end to end over HTTP against the simulator.</summary>
[Trait("Category", "Integration")]
public sealed class DecodeValidationTests
{
    private const string PowGenerate = "/api/v1/inference/pow/generate";

    private static JObject ValidationCall(RunHarness harness) =>
        harness.Simulator.Journal.To("POST", PowGenerate).Select(r => JObject.Parse(r.Body)).Single(b => b["validation"] is not null);

    [Fact]
    public async Task Run_HonestNodeOnAnotherGpuClass_PassesVerifiedFromItsPerNonceScores()
    {
        // Given: a decode reference from a node with no class, validated by an H200 node (honest, a few steps differ)
        await using var harness = await RunHarness.StartAsync(RunHarness.FastSimulator with { Hardware = HardwareClass.Parse("NVIDIA H200") });
        harness.WriteReference(TestReferences.DecodeDocument(count: 32, maxTokens: 16));

        // When
        var result = await harness.RunAsync();

        // Then: PASS, the node was asked in decode (throughput too), and the report holds every nonce's scores
        Assert.Equal("PASS", result.Verdict);
        Assert.Equal(ExitCodes.Pass, result.ExitCode);
        var init = JObject.Parse(harness.Simulator.Journal.To("POST", "/api/v1/inference/pow/init/generate").First().Body);
        Assert.True((bool)init["params"]!["decode"]!);
        var call = ValidationCall(harness);
        Assert.Equal(16, (int)call["params"]!["max_tokens"]!);
        Assert.All(call["validation"]!["artifacts"]!, a => Assert.Equal(17, ((JArray)a["k_points_steps"]!).Count));
        Assert.Equal(0.025, (double)call["stat_test"]!["dist_threshold"]!);
        Assert.Equal("decode", (string?)result.Report["config"]?["poc_params"]?["scheme"] ?? (string?)result.Report.SelectToken("$..poc_params.scheme"));
        var decode = result.Report["validation"]!["decode"]!;
        Assert.True((bool)decode["agrees"]!);
        Assert.Equal(32, ((JArray)decode["per_nonce"]!).Count);
        Assert.Equal(0, (int)decode["n_mismatch"]!);
        Assert.True((double)decode["step_mismatch_share"]! > 0, "an H200 disagrees with a classless recording on some steps");
        var text = File.ReadAllText(Path.Combine(result.ExperimentDirectory, ExperimentDirectory.TextFile));
        Assert.Contains("recomputed from its per_nonce scores: 0/32 nonces beyond τ=0.025", text, StringComparison.Ordinal);
        Assert.Contains("margins (mismatch_margin_max", text, StringComparison.Ordinal);

        // And the metrics a run pushes name the scheme
        var pushed = TextExposition.Render(ValidationMetrics.Collect(DocumentJson.Deserialize<ValidateReport>(result.Report.ToString())));
        Assert.Contains("mlnode_validation_info{verdict=\"PASS\",scheme=\"decode\",label=\"PASS\",cause=\"\"} 1", pushed, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_NodeSubstitutingTrajectories_FailsWithExit2AndNamesThePattern()
    {
        // Given: a node that does not run the model on 40 % of the nonces
        await using var harness = await RunHarness.StartAsync(RunHarness.With("dishonest:0.4"));
        harness.WriteReference(TestReferences.DecodeDocument(count: 32, maxTokens: 16));

        // When
        var result = await harness.RunAsync(("skip-throughput", string.Empty));

        // Then
        Assert.Equal(ExitCodes.Fraud, result.ExitCode);
        var decode = result.Report["validation"]!["decode"]!;
        Assert.True((int)decode["n_mismatch"]! >= 6);
        Assert.True((bool)decode["fraud_detected"]!);
        Assert.StartsWith("substituted trajectories", (string?)decode["cause"], StringComparison.Ordinal);
        Assert.Contains(decode["margin_histogram"]!, b => (bool)b["above_tau"]! && (int)b["count"]! > 0);

        // And the margins reach every reader: the JUnit failure and the page
        var junit = File.ReadAllText(Path.Combine(result.ExperimentDirectory, ExperimentDirectory.JUnitFile));
        Assert.Contains("margins (mismatch_margin_max", junit, StringComparison.Ordinal);
        Assert.Contains("why: substituted trajectories", junit, StringComparison.Ordinal);
        var html = File.ReadAllText(Path.Combine(result.ExperimentDirectory, ExperimentDirectory.HtmlFile));
        Assert.Contains("<h2>Decode margins</h2>", html, StringComparison.Ordinal);
        Assert.Contains("largest claimed margin among a nonce", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_NodeThatCannotScoreOneNonce_JudgesTheRestAndSaysWhichWasLeftOut()
    {
        // Given: a node that cannot score the first of 32 nonces (within max(1, 10 %))
        await using var harness = await RunHarness.StartAsync(RunHarness.With("unscored:1"));
        harness.WriteReference(TestReferences.DecodeDocument(count: 32, maxTokens: 16));

        // When
        var result = await harness.RunAsync(("skip-throughput", string.Empty));

        // Then
        Assert.Equal("PASS", result.Verdict);
        var decode = result.Report["validation"]!["decode"]!;
        Assert.Equal(31, (int)decode["n_total"]!);
        Assert.Equal([0L], decode["excluded_nonces"]!.Select(n => (long)n!));
        Assert.Contains("could not score 1 of 32 nonces (0)", result.Console, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_NodeAbortingTheValidation_IsAnErrorNotAVerdict()
    {
        // Given: a node that cannot score 8 of 32 nonces: beyond max(1, 10 %), it aborts with 503
        await using var harness = await RunHarness.StartAsync(RunHarness.With("unscored:8"));
        harness.WriteReference(TestReferences.DecodeDocument(count: 32, maxTokens: 16));

        // When
        var result = await harness.RunAsync(("skip-throughput", string.Empty));

        // Then
        Assert.Equal(ExitCodes.Error, result.ExitCode);
        Assert.StartsWith("the node aborted the decode validation", result.Outcome.Error, StringComparison.Ordinal);
        Assert.Contains("validation aborted: 8 of 32 nonces could not be scored", result.Outcome.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(8)]
    [InlineData(32)]
    public async Task Run_NodeExcludingPastTenPercentWithoutAborting_IsAnErrorNeverAPass(int unscored)
    {
        // Given: a node (or a proxy) that leaves nonces unscored past max(1, 10 %) and still answers a clean verdict
        await using var harness = await RunHarness.StartAsync(RunHarness.With($"unscored:{unscored}", "no-abort"));
        harness.WriteReference(TestReferences.DecodeDocument(count: 32, maxTokens: 16));

        // When
        var result = await harness.RunAsync(("skip-throughput", string.Empty));

        // Then: no verdict on what was not scored
        Assert.Equal(ExitCodes.Error, result.ExitCode);
        Assert.Contains($"it excluded {unscored} of 32 nonces, more than the max(1, 10 %)", result.Outcome.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("nonces were sent", result.Outcome.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Render_DecodeFail_TheMarginChartReadsWithoutHelp()
    {
        // Given: a decode FAIL page and a real browser
        var chromium = HeadlessChromium.Find();
        Assert.SkipWhen(chromium is null, "Chromium is not installed (Debian: apt-get install chromium; .ci/run does), so the HTML report is not rendered");
        await using var harness = await RunHarness.StartAsync(RunHarness.With("dishonest:0.4"));
        harness.WriteReference(TestReferences.DecodeDocument(count: 64, maxTokens: 16));
        var result = await harness.RunAsync(("skip-throughput", string.Empty));
        await using var browser = await HeadlessChromium.StartAsync(chromium!);

        // When
        var rendered = await browser.RenderAsync(
            Path.Combine(result.ExperimentDirectory, ExperimentDirectory.HtmlFile),
            1280,
            $$"""JSON.stringify({ beyond: document.querySelectorAll('svg rect.hist.beyond').length, tau: document.querySelectorAll('svg line.threshold:not(.swatch)').length, charts: {{ChartChecks.Expression}} })""");
        await rendered.KeepScreenshotAsync("validate_report-decode-fail.png");

        // Then: bars beyond τ, τ drawn, and every chart readable (legend, axis titles, nothing overlapping)
        Assert.True((int)rendered.Measured["beyond"]! > 0);
        Assert.True((int)rendered.Measured["tau"]! >= 1);
        ChartChecks.AssertReadable(rendered.Measured["charts"]!, atLeast: 3);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Run_PrefillOnlyNode_IsOneErrorNamingDecodeNeverAVerdict(bool skipThroughput)
    {
        // Given: a node behind a prefill-only proxy (its strict params refuse decode with 422)
        await using var harness = await RunHarness.StartAsync(RunHarness.With("prefill-only"));
        harness.WriteReference(TestReferences.DecodeDocument(count: 8));

        // When
        var result = skipThroughput ? await harness.RunAsync(("skip-throughput", string.Empty)) : await harness.RunAsync();

        // Then
        Assert.Equal(ExitCodes.Error, result.ExitCode);
        Assert.StartsWith("this MLNode does not accept decode PoC:", result.Outcome.Error, StringComparison.Ordinal);
        Assert.Contains("422", result.Outcome.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("\n", result.Outcome.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_VerdictContradictsItsPerNonce_IsAnErrorNotAPass()
    {
        // Given: a node substituting half its trajectories whose summary says "0 mismatches, p 1, no fraud" while its
        // per_nonce scores tell the truth
        await using var harness = await RunHarness.StartAsync(RunHarness.With("dishonest:0.5", "lying-validator"));
        harness.WriteReference(TestReferences.DecodeDocument(count: 32, maxTokens: 16));

        // When
        var result = await harness.RunAsync(("skip-throughput", string.Empty));

        // Then
        Assert.Equal(ExitCodes.Error, result.ExitCode);
        Assert.Matches(@"^the node's verdict contradicts its own per_nonce scores: it reports n_mismatch=0, but its per_nonce scores put \d+ of 32 nonces beyond τ=0\.025", result.Outcome.Error);
        Assert.False((bool)result.Report["validation"]!["decode"]!["agrees"]!);
        Assert.Contains("verified: NO", File.ReadAllText(Path.Combine(result.ExperimentDirectory, ExperimentDirectory.TextFile)), StringComparison.Ordinal);
    }
}
