using MlNode.Tasks.Reports;
using MlNode.Tasks.Tests.Support;
using Newtonsoft.Json.Linq;

namespace MlNode.Tasks.Tests.Reports;

/// <summary>The three files of an experiment folder and the console summary, as the contract lays them out.</summary>
[Trait("Category", "Integration")]
public sealed class ReportContentTests
{
    [Fact]
    public async Task Run_WritesConfigReportAndTextWithTheContractsFields()
    {
        await using var harness = await RunHarness.StartAsync();
        harness.WriteReference(TestReferences.Document(pMismatch: 0.05));

        var result = await harness.RunAsync(("fraud-threshold", "0.02"), ("extra-arg", "--enforce-eager"));

        var folder = result.ExperimentDirectory;
        Assert.Equal(
            [".mlnode-run", ExperimentDirectory.ConfigFile, ExperimentDirectory.JUnitFile, ExperimentDirectory.HtmlFile, ExperimentDirectory.ReportFile, ExperimentDirectory.TextFile],
            Directory.GetFiles(folder).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        var config = JObject.Parse(await File.ReadAllTextAsync(Path.Combine(folder, ExperimentDirectory.ConfigFile)));
        Assert.Equal(harness.Simulator.BaseUrl, (string?)config["mlnode_url"]);
        Assert.Equal(TestReferences.Model, (string?)config["model"]);
        Assert.Equal(32, (int)config["reference"]!["n_vectors"]!);
        Assert.Equal(64, ((string?)config["reference"]!["sha256"])!.Length);
        Assert.Equal(["--tensor-parallel-size", "4", "--enforce-eager"], config["deploy_config"]!["additional_args"]!.Values<string>());
        Assert.Equal(128, (int)config["poc_params"]!["seq_len"]!);
        JsonAssert.Equal(
            new JObject { ["dist_threshold"] = "reference", ["p_mismatch"] = "reference", ["fraud_threshold"] = "cli" },
            config["stat_test"]!["source"]);
        Assert.Equal(0.02, (double)config["stat_test"]!["values"]!["fraud_threshold"]!);
        Assert.Contains(config["settings"]!, s => (string?)s["name"] == "measure-seconds" && (string?)s["source"] == "cli");
        Assert.Null(config["verdict"]);

        var report = result.Report;
        Assert.Equal("PASS", (string?)report["verdict"]);
        Assert.Equal(0, (int)report["exit_code"]!);
        JsonAssert.Equal(config["stat_test"]!, report["stat_test"]);

        var lines = (await File.ReadAllTextAsync(Path.Combine(folder, ExperimentDirectory.TextFile))).Split('\n');
        Assert.Equal(SummaryRenderer.Rule, lines[0]);
        Assert.Equal(SummaryRenderer.Rule, lines[2]);
        Assert.Equal("verdict: PASS", lines[3]);
    }

    [Fact]
    public async Task Summary_FollowsTheRequiredTemplateSectionBySection()
    {
        await using var harness = await RunHarness.StartAsync();
        harness.WriteReference();

        var result = await harness.RunAsync(("skip-throughput", string.Empty));

        string[] sections =
        [
            "verdict: PASS",
            "target",
            $"  mlnode: {harness.Simulator.BaseUrl}",
            $"  model: {TestReferences.Model}",
            "  reference: references/testorg-tiny-poc-1b.json",
            "    32 pre-computed nonces; source: written by the MlNode.Tasks tests",
            "PoC params (from reference)",
            "  seq_len=128, k_dim=12, block_hash=TEST_BLOCK, public_key=test_pub_keys, node_id=0, node_count=1",
            "  throughput_batch_size=unset (node default)",
            "  validation_batch_size=not sent",
            "deploy config (reference.additional_args + CLI overrides)",
            "  dtype=auto, additional_args=[--tensor-parallel-size, 4]",
            "  note: these are the reference's recording args, not necessarily what production runs; pass --node-config=",
            "  applied? yes",
            "stat test (server-default -> reference -> cli, with provenance per key)",
            "  dist_threshold=0.2 (reference)",
            "  p_mismatch=0.001 (server-default)",
            "  fraud_threshold=0.01 (server-default)",
            "phases",
            "  [download] downloaded in ",
            "  [deploy] deployed in ",
            "  [throughput] skipped (--skip-throughput)",
            "  [validate] n_total=32, n_mismatch=0, p_value=1, fraud_detected=false",
            "experiment dir: data/experiments/mlnode_validate_testorg-tiny-poc-1b_",
            "  config (json): data/experiments/",
            "  report (json): data/experiments/",
            "  report (txt):  data/experiments/",
        ];
        var summary = result.Outcome.Summary;
        var position = 0;
        foreach (var section in sections)
        {
            var found = summary.IndexOf(section, position, StringComparison.Ordinal);
            Assert.True(found >= 0, $"'{section}' missing or out of order in:\n{summary}");
            position = found + section.Length;
        }

        Assert.EndsWith(summary.TrimEnd(), result.Console.TrimEnd());
    }
}
