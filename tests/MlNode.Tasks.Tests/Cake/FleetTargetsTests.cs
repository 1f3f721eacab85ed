using System.Text.RegularExpressions;
using MlNode.Simulator.Fleet;
using MlNode.Tasks.Common;
using MlNode.Tasks.Fleet;
using MlNode.Tasks.Fleet.Documents;
using MlNode.Tasks.Tests.Support;
using Newtonsoft.Json.Linq;

namespace MlNode.Tasks.Tests.Cake;

/// <summary>
/// The fleet targets through ./build.sh: FleetDemo, and the fan-out over a CI system's matrix exactly as
/// docs/ci/github-actions-fleet.yml and docs/ci/gitlab-ci-fleet.yml run it (plan, one job per pair, merge).
/// </summary>
[Collection("cake-fleet")]
[Trait("Category", "Integration")]
public sealed class FleetTargetsTests : IDisposable
{
    private readonly TempDirectory _work = new();

    // Short waits and the test reference through the environment, as a pipeline would set them; no CI system of the
    // machine running the tests.
    private Dictionary<string, string?> Environment(params (string Key, string? Value)[] more)
    {
        var environment = new Dictionary<string, string?>(RunHarness.FastEnvironment.Select(e => new KeyValuePair<string, string?>(e.Key, e.Value)))
        {
            ["CAKE_MLNODE_REFERENCESPATH"] = _work.Combine("references"),
            ["GITHUB_ACTIONS"] = null,
            ["GITLAB_CI"] = null,
            ["TF_BUILD"] = null,
            ["TEAMCITY_VERSION"] = null,
        };
        foreach (var (key, value) in more)
        {
            environment[key] = value;
        }

        return environment;
    }

    [Fact]
    public async Task FleetDemo_OutputJson_SixEmbeddedNodesTheReportAloneOnStdoutAndExitTwo()
    {
        var run = await CakeRunner.RunAsync(["--target=FleetDemo", $"--experiments-root={_work.Path}", "--output=json"]);

        // The fleet report is standard output's only content, the same as the file; the table went to standard error
        Assert.Equal(2, run.ExitCode);
        var file = File.ReadAllText(Directory.GetFiles(_work.Path, FleetFiles.ReportFile, SearchOption.AllDirectories).Single());
        Assert.Equal(file, run.Stdout);
        var document = DocumentJson.Deserialize<FleetReportDocument>(run.Stdout);
        Assert.Equal(["node2 FAIL", "node4 ERROR", "node5 REFUSED", "node1 PASS", "node3 PASS", "node6 PASS"], document.Pairs.Select(p => $"{p.NodeId} {p.Status}"));
        Assert.Contains("fleet exit code: 2", run.Stderr);
        // Each pair deployed its launch plan: the node's args and the simulated governance's, replacing the reference's
        Assert.All(document.Pairs.Where(p => p.Status == "PASS"), p => Assert.Equal(["--max-model-len", "8192", "--max-num-seqs", "64"], p.NodeArgs));
        Assert.All(document.Pairs.Where(p => p.Status == "PASS"), p => Assert.StartsWith("launch-plan http://127.0.0.1:", p.NodeArgsFrom));
    }

    [Fact]
    public async Task Fleet_DryRun_SaysWhatItWouldDoAndWritesNothing()
    {
        var nodes = _work.Combine("nodes.json");
        File.WriteAllText(nodes, """[{"id":"n1","host":"127.0.0.1","poc_port":9,"models":{"Org/M":{"args":[]}}}]""");

        var run = await CakeRunner.RunAsync(["--target=Fleet", $"--nodes={nodes}", $"--experiments-root={_work.Combine("exp")}", "--dryrun"]);

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("Fleet would validate every (node, model) pair from nodes-file", run.Stdout);
        Assert.False(Directory.Exists(_work.Combine("exp")));
    }

    [Theory]
    [InlineData("missing", "does not exist")]
    [InlineData("garbage", "is not a JSON array of node definitions")]
    public async Task Fleet_DryRunWithABadNodesFile_IsOneErrorLineAndExitOne(string file, string expected)
    {
        var nodes = _work.Combine("nodes.json");
        if (file == "garbage")
        {
            File.WriteAllText(nodes, "<html>not a node config</html>");
        }

        var run = await CakeRunner.RunAsync(["--target=Fleet", $"--nodes={nodes}", $"--experiments-root={_work.Combine("exp")}", "--dryrun"]);

        Assert.Equal(1, run.ExitCode);
        Assert.StartsWith("ERROR: --nodes '", run.LastLine);
        Assert.Contains(expected, run.LastLine);
    }

    [Theory]
    [InlineData("", "ERROR: FleetReport needs --from=")]
    [InlineData("missing", "is not a folder")]
    public async Task FleetReport_BadFrom_IsOneErrorLineWithoutCakesFailureBlock(string from, string expected)
    {
        string[] arguments = from.Length == 0 ? ["--target=FleetReport"] : ["--target=FleetReport", $"--from={_work.Combine(from)}"];

        var run = await CakeRunner.RunAsync(arguments);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains(expected, run.LastLine);
        Assert.DoesNotContain("An error occurred", run.Output);
        Assert.Single(run.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public async Task FleetPlan_UnknownFormat_OneErrorLineBeforeTheFleetIsRead()
    {
        var run = await CakeRunner.RunAsync(["--target=FleetPlan", "--admin-api=http://127.0.0.1:9", "--format=yaml"]);

        Assert.Equal(1, run.ExitCode);
        Assert.Equal(string.Empty, run.Stdout);
        Assert.StartsWith("ERROR: --format=yaml must be one of github, gitlab", run.Stderr.Split('\n').Last(l => l.Trim().Length > 0));
    }

    [Fact]
    public async Task Fleet_NoSource_OneErrorLineExitOne()
    {
        var run = await CakeRunner.RunAsync(["--target=Fleet"]);

        Assert.Equal(1, run.ExitCode);
        Assert.StartsWith("ERROR: a fleet needs its nodes", run.Stdout.Trim());
    }

    [Fact]
    public async Task GitHubActionsFleet_PlanJobsAndMerge_AsTheWorkflowRunsThem()
    {
        // Given a Network Node of three MLNodes, node2 dishonest, and the workflow as shipped
        await using var fleet = await StartFleetAsync("--fleet=3", "--fleet-fault=2:dishonest:0.25");
        var workflow = File.ReadAllText(Path.Combine(RepositoryPaths.Root, "docs", "ci", "github-actions-fleet.yml"));
        string GitHub(string name) => _work.Combine(name);

        // When the plan job runs
        var plan = await CiJob.RunAsync(CiJob.GitHubRun(workflow, "Plan one job per (node, model) pair"), _work.Path, Environment(
            ("GITHUB_ACTIONS", "true"), ("GITHUB_OUTPUT", GitHub("plan_output")), ("GITHUB_STEP_SUMMARY", GitHub("plan_summary")), ("ADMIN_API", fleet.AdminUrl)));
        Assert.True(plan.ExitCode == 0, plan.Output);
        var matrix = JObject.Parse(Regex.Match(File.ReadAllText(GitHub("plan_output")), "^matrix=(.+)$", RegexOptions.Multiline).Groups[1].Value);
        var include = matrix["include"]!.Cast<JObject>().ToList();
        Assert.Equal(["node1", "node2", "node3"], include.Select(e => (string)e["node"]!));

        // And one validate job runs per matrix entry, with the entry's values as the workflow maps them
        foreach (var entry in include)
        {
            var job = await CiJob.RunAsync(CiJob.GitHubRun(workflow, "Validate the pair"), _work.Path, Environment(
                ("GITHUB_ACTIONS", "true"), ("GITHUB_OUTPUT", GitHub("job_output")), ("GITHUB_STEP_SUMMARY", GitHub("job_summary")),
                ("ARGS", (string?)entry["args"])));
            Assert.True(job.ExitCode == ((string?)entry["node"] == "node2" ? 2 : 0), job.Output);
        }

        // And the report job merges the downloaded folders
        var merge = await CiJob.RunAsync(CiJob.GitHubRun(workflow, "Merge into the fleet report"), _work.Path, Environment(
            ("GITHUB_ACTIONS", "true"), ("GITHUB_OUTPUT", GitHub("merge_output")), ("GITHUB_STEP_SUMMARY", GitHub("merge_summary")), ("ADMIN_API", fleet.AdminUrl)));

        // Then the fleet's files, summary, outputs and exit code are those of a one-runner fleet run
        Assert.True(merge.ExitCode == 2, merge.Output);
        var document = DocumentJson.Deserialize<FleetReportDocument>(File.ReadAllText(_work.Combine("fleet", FleetFiles.ReportFile)));
        Assert.Equal(["node2 FAIL", "node1 PASS", "node3 PASS"], document.Pairs.Select(p => $"{p.NodeId} {p.Status}"));
        Assert.Equal("merged", document.Source.Kind);
        Assert.Contains("| FAIL | `node2` |", File.ReadAllText(GitHub("merge_summary")));
        var outputs = File.ReadAllText(GitHub("merge_output"));
        Assert.Contains("fail", outputs);
        Assert.Contains("exit_code", outputs);
        JUnitAssert.AllValid(_work.Combine("fleet"));
    }

    [Fact]
    public async Task GitHubActionsFleet_PastTheJobLimit_ShardJobsMergeIntoTheReportOfOneFleet()
    {
        // Given five MLNodes (node2 dishonest, node4's deploy fails), the workflow as shipped, and a limit of two jobs
        await using var fleet = await StartFleetAsync("--fleet=5", "--fleet-fault=2:dishonest:0.25", "--fleet-fault=4:deploy-fails");
        var workflow = File.ReadAllText(Path.Combine(RepositoryPaths.Root, "docs", "ci", "github-actions-fleet.yml"));
        string GitHub(string name) => _work.Combine(name);
        (string, string?)[] github = [("GITHUB_ACTIONS", "true"), ("ADMIN_API", fleet.AdminUrl), ("CAKE_MLNODE_MAXJOBS", "2")];

        // When the plan job runs
        var plan = await CiJob.RunAsync(CiJob.GitHubRun(workflow, "Plan one job per (node, model) pair"), _work.Path, Environment(
            [.. github, ("GITHUB_OUTPUT", GitHub("plan_output")), ("GITHUB_STEP_SUMMARY", GitHub("plan_summary"))]));
        Assert.True(plan.ExitCode == 0, plan.Output);
        var include = JObject.Parse(Regex.Match(File.ReadAllText(GitHub("plan_output")), "^matrix=(.+)$", RegexOptions.Multiline).Groups[1].Value)["include"]!.Cast<JObject>().ToList();

        // Then two shard jobs cover the five pairs
        Assert.Equal(["shard-1", "shard-2"], include.Select(e => (string)e["pair"]!));
        Assert.Contains("5 pairs in 2 shard job(s)", plan.Stderr);

        // And each shard job runs (as the matrix gives it, its folder downloaded as the report job downloads it)
        foreach (var entry in include)
        {
            var job = await CiJob.RunAsync(CiJob.GitHubRun(workflow, "Validate the pair"), _work.Path, Environment(
                [.. github, ("GITHUB_OUTPUT", GitHub("job_output")), ("GITHUB_STEP_SUMMARY", GitHub("job_summary")), ("ARGS", (string?)entry["args"])]));
            Assert.True(job.ExitCode is 0 or 1 or 2, job.Output);
            Directory.Move(_work.Combine("fleet"), _work.Combine($"fleet-{entry["pair"]}"));
        }

        Directory.CreateDirectory(_work.Combine("fleet"));
        foreach (var entry in include)
        {
            Directory.Move(_work.Combine($"fleet-{entry["pair"]}"), _work.Combine("fleet", $"fleet-{entry["pair"]}"));
        }

        var merge = await CiJob.RunAsync(CiJob.GitHubRun(workflow, "Merge into the fleet report"), _work.Path, Environment(
            [.. github, ("GITHUB_OUTPUT", GitHub("merge_output")), ("GITHUB_STEP_SUMMARY", GitHub("merge_summary"))]));

        // And the merged report is the one a one-runner Fleet writes over the same nodes
        var one = await CakeRunner.RunAsync(["--target=Fleet", $"--admin-api={fleet.AdminUrl}", $"--experiments-root={_work.Combine("one")}"], Environment());
        Assert.True(merge.ExitCode == 2, merge.Output);
        Assert.Equal(2, one.ExitCode);
        FleetReportDocument Read(string file) => DocumentJson.Deserialize<FleetReportDocument>(File.ReadAllText(file));
        var merged = Read(_work.Combine("fleet", FleetFiles.ReportFile));
        var alone = Read(Directory.GetFiles(_work.Combine("one"), FleetFiles.ReportFile, SearchOption.AllDirectories).Single());
        Assert.Equal(alone.Pairs.Select(p => $"{p.NodeId} {p.Model} {p.Status}"), merged.Pairs.Select(p => $"{p.NodeId} {p.Model} {p.Status}"));
        Assert.Equal(["node2 FAIL", "node4 ERROR", "node1 PASS", "node3 PASS", "node5 PASS"], merged.Pairs.Select(p => $"{p.NodeId} {p.Status}"));
    }

    [Fact]
    public async Task GitLabCiFleet_ChildPipelineJobsAndMerge_AsThePipelineRunsThem()
    {
        // Given a Network Node of two MLNodes, node2 in use, and the pipeline as shipped
        await using var fleet = await StartFleetAsync("--fleet=2", "--fleet-in-use=2");
        var pipeline = File.ReadAllText(Path.Combine(RepositoryPaths.Root, "docs", "ci", "gitlab-ci-fleet.yml"));
        (string, string?)[] gitlab = [("GITLAB_CI", "true"), ("CI_SERVER", "yes"), ("ADMIN_API", fleet.AdminUrl)];

        // When the plan job writes the child pipeline
        var plan = await CiJob.RunAsync(CiJob.GitLabScript(pipeline, "fleet-plan"), _work.Path, Environment(gitlab));
        Assert.True(plan.ExitCode == 0, plan.Output);
        var child = File.ReadAllText(_work.Combine("fleet-pipeline.yml"));

        // Then the in-use node was left out of the matrix, and each matrix job and the merge run as generated
        var entries = Regex.Matches(child, "- PAIR: \"(?<pair>[^\"]*)\"\\s+NODE: \"(?<node>[^\"]*)\"\\s+MODEL: \"(?<model>[^\"]*)\"\\s+MLNODE_URL: \"(?<url>[^\"]*)\"\\s+NODE_ARGS: \"(?<nodeargs>[^\"]*)\"\\s+ARGS: \"(?<args>(?:[^\"\\\\]|\\\\.)*)\"").ToList();
        Assert.Equal(["node1"], entries.Select(e => e.Groups["node"].Value));
        Assert.Contains("REFUSED", plan.Stderr);
        foreach (var e in entries)
        {
            var job = await CiJob.RunAsync(CiJob.GitLabScript(child, "validate-pair"), _work.Path, Environment(
                [.. gitlab, ("NODE", e.Groups["node"].Value), ("ARGS", JToken.Parse($"\"{e.Groups["args"].Value}\"").ToString())]));
            Assert.True(job.ExitCode == 0, job.Output);
        }

        var merge = await CiJob.RunAsync(CiJob.GitLabScript(child, "fleet-report"), _work.Path, Environment(gitlab));

        // And the merge lists the pair no job ran as REFUSED (its node is in use), as a one-runner Fleet would: exit 1
        Assert.True(merge.ExitCode == 1, merge.Output);
        var document = DocumentJson.Deserialize<FleetReportDocument>(File.ReadAllText(_work.Combine("fleet", FleetFiles.ReportFile)));
        Assert.Equal(["node2 REFUSED", "node1 PASS"], document.Pairs.Select(p => $"{p.NodeId} {p.Status}"));
        Assert.Contains("assigned in the current epoch", document.Pairs[0].RefusalReason);
    }

    [Fact]
    public async Task FleetReport_ExpectedPairWithoutAFolder_ErrorRowNamingTheFolder()
    {
        // Given a fleet of two idle nodes whose second job left nothing behind
        await using var fleet = await StartFleetAsync("--fleet=2");
        var nodes = _work.Combine("nodes.json");
        File.WriteAllText(nodes, "[" + string.Join(',', fleet.Nodes.Select((n, i) => "{\"id\":\"node" + (i + 1) + "\",\"host\":\"127.0.0.1\",\"poc_port\":" + new Uri(n.BaseUrl).Port + ",\"models\":{\"" + TestReferences.Model + "\":{\"args\":[]}}}")) + "]");
        var job = await CakeRunner.RunAsync(["--target=Report", $"--mlnode-url={fleet.Nodes[0].BaseUrl}", $"--model={TestReferences.Model}", "--fleet-node=node1", $"--exp-dir={_work.Combine("jobs", "a", "node1__x")}"], Environment());
        Assert.True(job.ExitCode == 0, job.Output);

        // When the folders are merged with the fleet's source
        var merge = await CakeRunner.RunAsync(["--target=FleetReport", $"--from={_work.Combine("jobs")}", $"--nodes={nodes}"], Environment());

        // Then the pair without a folder is an ERROR row that names the folder it expected, and the fleet exits 1
        Assert.True(merge.ExitCode == 1, merge.Output);
        var document = DocumentJson.Deserialize<FleetReportDocument>(File.ReadAllText(_work.Combine("jobs", FleetFiles.ReportFile)));
        Assert.Equal(["node2 ERROR", "node1 PASS"], document.Pairs.Select(p => $"{p.NodeId} {p.Status}"));
        Assert.Contains("expected one named node2__testorg-tiny-poc-1b", document.Pairs[0].Error);
        Assert.Equal("a/node1__x", document.Pairs[1].ExperimentDir);
    }

    [Fact]
    public async Task Fleet_CtrlC_StopsGenerationOnEveryNodeWritesEveryPartialReportAndExits130()
    {
        // Given two nodes measuring with a long window
        await using var fleet = await StartFleetAsync("--fleet=2");

        // When Ctrl-C arrives while both are generating
        var run = await CakeRunner.RunAsync(
            ["--target=Fleet", $"--admin-api={fleet.AdminUrl}", $"--experiments-root={_work.Combine("exp")}", "--measure-seconds=60"],
            Environment(),
            whileRunning: async (process, output) =>
            {
                await CakeRunner.WaitForAsync(process, output, "[3/4] throughput");
                var deadline = DateTime.UtcNow.AddSeconds(30);
                while (!fleet.Nodes.All(n => n.Journal.To("POST", "/api/v1/inference/pow/init/generate").Count > 0) && DateTime.UtcNow < deadline)
                {
                    await Task.Delay(50);
                }

                await Task.Delay(500);
                await CakeRunner.SignalAsync(process, "INT");
            });

        // Then generation was stopped on both nodes, both partial reports say so, and the fleet files exist: exit 130
        Assert.True(run.ExitCode == 130, run.Output);
        Assert.All(fleet.Nodes, n => Assert.NotEmpty(n.Journal.To("POST", "/api/v1/inference/pow/stop")));
        var document = DocumentJson.Deserialize<FleetReportDocument>(File.ReadAllText(Directory.GetFiles(_work.Combine("exp"), FleetFiles.ReportFile, SearchOption.AllDirectories).Single()));
        Assert.All(document.Pairs, p => Assert.Equal("INTERRUPTED", p.Verdict));
        Assert.Equal(130, document.ExitCode);
    }

    public void Dispose() => _work.Dispose();

    private async Task<SimulatedFleet> StartFleetAsync(params string[] options)
    {
        TestReferences.Write(_work.Combine("references"), TestReferences.Document());
        string[] fast = ["--download-seconds=0.2", "--deploy-seconds=0.2", "--stop-seconds=0.1", "--rate=50", "--port=0", $"--fleet-model={TestReferences.Model}"];
        return await SimulatedFleet.StartAsync(FleetOptions.Parse([.. fast, .. options]));
    }
}
