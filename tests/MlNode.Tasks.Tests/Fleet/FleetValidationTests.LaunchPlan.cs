using MlNode.Tasks.Common;
using MlNode.Tasks.Fleet;
using MlNode.Tasks.Running;
using MlNode.Tasks.Tests.Support;
using Newtonsoft.Json.Linq;

namespace MlNode.Tasks.Tests.Fleet;

[Trait("Category", "Integration")]
public sealed partial class FleetValidationTests
{
    [Fact]
    public async Task RunAsync_AdminApi_DeploysTheLaunchPlanArgsNotTheReferencesNorTheNodesAlone()
    {
        // Given a Network Node whose launch plan adds governance args to the node's own (the reference says tp=4)
        await using var harness = await FleetHarness.StartAsync("--fleet=1", "--fleet-model-args=[\"--max-model-len\",\"8192\",\"--enforce-eager\"]", "--fleet-governance-args=[\"--max-num-seqs\",\"32\"]");

        // When it is validated
        var (run, _) = await harness.RunAsync();

        // Then up/async carried exactly the launch plan's args (they replace the reference's), and the report says so
        var row = Assert.Single(run.Result.Rows);
        Assert.Equal(FleetStatus.Pass, row.Status);
        string[] plan = ["--max-model-len", "8192", "--enforce-eager", "--max-num-seqs", "32"];
        var up = JObject.Parse(harness.Fleet.Nodes[0].Journal.To("POST", "/api/v1/inference/up/async").Single().Body);
        Assert.Equal(plan, up["additional_args"]!.Values<string>());
        var report = JObject.Parse(await File.ReadAllTextAsync(Path.Combine(run.Directory, row.ExperimentDirectory!, "validate_report.json")));
        Assert.Equal(plan, report["deploy_config"]!["node_args"]!.Values<string>());
        Assert.Equal($"launch-plan {harness.Fleet.AdminUrl.TrimEnd('/')} node1", (string?)report["deploy_config"]!["baseline"]);
        Assert.Equal(["--tensor-parallel-size", "4"], report["deploy_config"]!["reference_additional_args"]!.Values<string>());
        Assert.Equal("node1", (string?)report["fleet_node"]);
        Assert.Equal(report["deploy_config"]!["baseline"]!.ToString(), row.NodeArgsFrom);
    }

    [Fact]
    public async Task RunAsync_OlderNetworkNodeWithoutLaunchPlans_FallsBackToTheNodeArgsAndSaysSo()
    {
        await using var harness = await FleetHarness.StartAsync("--fleet=1", "--fleet-launch-plan=absent", "--fleet-model-args=[\"--max-model-len\",\"8192\"]");

        var (run, console) = await harness.RunAsync();

        var row = Assert.Single(run.Result.Rows);
        Assert.Equal(FleetStatus.Pass, row.Status);
        var up = JObject.Parse(harness.Fleet.Nodes[0].Journal.To("POST", "/api/v1/inference/up/async").Single().Body);
        Assert.Equal(["--max-model-len", "8192"], up["additional_args"]!.Values<string>());
        Assert.Contains("no launch plan: an older Network Node", row.NodeArgsFrom);
        Assert.Contains("WARNING: node1: GET /admin/v1/nodes/node1/launch-plan answered HTTP 404", console);
        var report = JObject.Parse(await File.ReadAllTextAsync(Path.Combine(run.Directory, row.ExperimentDirectory!, "validate_report.json")));
        Assert.Contains("no launch plan: an older Network Node", (string?)report["deploy_config"]!["baseline"]);
    }

    [Fact]
    public async Task RunAsync_LaunchPlanSkipsOrFiltersAModel_ThatPairIsRefusedWithTheReason()
    {
        // Given one node serving three models: one launched, one absent from governance, one filtered by the PoC params
        await using var harness = await FleetHarness.StartAsync(
            "--fleet=1", "--fleet-model=TestOrg/Skipped-1B", "--fleet-model=TestOrg/Filtered-1B", "--fleet-skipped-model=TestOrg/Skipped-1B", "--fleet-unsupported-model=TestOrg/Filtered-1B");

        var (run, _) = await harness.RunAsync();

        var rows = run.Result.Rows.ToDictionary(r => r.Model);
        Assert.Equal(FleetStatus.Pass, rows[TestReferences.Model].Status);
        Assert.Equal(FleetStatus.Refused, rows["TestOrg/Skipped-1B"].Status);
        Assert.Contains("governance does not list the model (skipped_models)", rows["TestOrg/Skipped-1B"].RefusalReason);
        Assert.Equal(FleetStatus.Refused, rows["TestOrg/Filtered-1B"].Status);
        Assert.Contains("the current PoC parameters filter the model out (unsupported_models)", rows["TestOrg/Filtered-1B"].RefusalReason);
        Assert.Single(harness.Fleet.Nodes[0].Journal.To("POST", "/api/v1/inference/up/async"));
        Assert.Equal(ExitCodes.Error, run.Result.ExitCode);
    }

    [Fact]
    public async Task RunAsync_LaunchPlanGovernanceUnavailable_ErrorRowNamingItAndTheNodeUntouched()
    {
        await using var harness = await FleetHarness.StartAsync("--fleet=1", "--fleet-launch-plan=unavailable");

        var (run, _) = await harness.RunAsync();

        var row = Assert.Single(run.Result.Rows);
        Assert.Equal(FleetStatus.Error, row.Status);
        Assert.Contains("could not query governance for the launch plan", row.Error);
        Assert.Contains("HTTP 502", row.Error);
        Assert.Empty(harness.Requests(1));
    }

    [Fact]
    public async Task FleetPlan_AdminApi_MatrixCarriesTheLaunchPlanArgsAndTheirOrigin()
    {
        await using var harness = await FleetHarness.StartAsync("--fleet=1", "--fleet-governance-args=[\"--max-num-seqs\",\"32\"]");
        var redactor = new SecretRedactor();
        var settings = FleetSettingsResolver.Resolve(harness.Sources(), redactor);
        var inventory = await FleetValidation.ReadAsync(settings, redactor, new TextRunLog(new StringWriter(), redactor), null, CancellationToken.None);

        var matrix = JObject.Parse(FleetMatrix.GitHub(FleetMatrix.Jobs(FleetPairs.Select(inventory, settings), FleetMatrix.GitHubMaxJobs, [], redactor)));

        Assert.Equal($"'--node-args-from=launch-plan {harness.Fleet.AdminUrl.TrimEnd('/')} node1' --node-arg=--max-num-seqs --node-arg=32", (string?)matrix["include"]![0]!["node_args"]);
    }
}
