using System.Text.RegularExpressions;
using MlNode.Simulator;
using MlNode.Simulator.Faults;
using MlNode.Tasks.Tests.Support;

namespace MlNode.Tasks.Tests.Cake;

/// <summary>
/// The sample workflows in docs/ci, run for real: the command each one runs, with the environment the CI system
/// sets, against the simulator; then the files and outputs the tool produced for that system.
/// </summary>
[Collection("cake-graph")]
[Trait("Category", "Integration")]
public sealed partial class CiIntegrationTests : IDisposable
{
    private const string Model = "MlNodeSim/Demo-PoC-0.1B";
    private readonly TempDirectory _work = new();

    // Short waits through the environment, as a pipeline would set them (the workflow's command stays as written),
    // and none of the CI systems of the machine running the tests.
    private static readonly Dictionary<string, string?> FastEnvironment = new(
        RunHarness.FastEnvironment.Select(e => new KeyValuePair<string, string?>(e.Key, e.Value))
            .Concat(new[] { "GITHUB_ACTIONS", "TF_BUILD", "TEAMCITY_VERSION", "GITLAB_CI" }.Select(v => new KeyValuePair<string, string?>(v, null))));

    private static string WorkflowCommand(string file)
    {
        var text = File.ReadAllText(Path.Combine(RepositoryPaths.Root, "docs", "ci", file));
        return CommandLine().Match(text).Groups["command"].Value.Trim();
    }

    private async Task<CakeRun> RunWorkflowAsync(string file, MlNodeSimulator node, Dictionary<string, string?> ciEnvironment)
    {
        var command = WorkflowCommand(file);
        Assert.StartsWith("./build.sh --target=Report", command);
        var environment = new Dictionary<string, string?>(FastEnvironment)
        {
            ["MLNODE_URL"] = node.BaseUrl,
            ["MODEL"] = Model,
            ["REPO"] = RepositoryPaths.Root,
        };
        foreach (var (key, value) in ciEnvironment)
        {
            environment[key] = value;
        }

        // The workflow runs from the repository root; here it runs from a scratch folder so results land there.
        var script = command.Replace("./build.sh", "\"$REPO/build.sh\"", StringComparison.Ordinal);
        var arguments = new List<string> { "-c", script };
        var start = new System.Diagnostics.ProcessStartInfo("bash") { WorkingDirectory = _work.Path, RedirectStandardOutput = true, RedirectStandardError = true };
        arguments.ForEach(start.ArgumentList.Add);
        foreach (var (key, value) in environment)
        {
            if (value is null)
            {
                start.Environment.Remove(key);
            }
            else
            {
                start.Environment[key] = value;
            }
        }

        using var process = System.Diagnostics.Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(3));
        return new CakeRun(process.ExitCode, await stdout, await stderr);
    }

    private string ResultsFile(string name) => Directory.GetFiles(Path.Combine(_work.Path, "ci-results"), name, SearchOption.AllDirectories).Single();

    [Fact]
    public async Task GitHubActions_SummaryOutputsGroupsAndJUnit()
    {
        await using var node = await MlNodeSimulator.StartAsync(RunHarness.FastSimulator);
        var summary = _work.Combine("step_summary.md");
        var outputs = _work.Combine("github_output");
        File.WriteAllText(summary, "# earlier step\n");

        var run = await RunWorkflowAsync("github-actions.yml", node, new() { ["GITHUB_ACTIONS"] = "true", ["GITHUB_STEP_SUMMARY"] = summary, ["GITHUB_OUTPUT"] = outputs });

        Assert.Equal(0, run.ExitCode);
        var values = File.ReadAllLines(outputs).Select(l => l.Split('=', 2)).ToDictionary(p => p[0], p => p[1]);
        Assert.Equal(["verdict", "exit_code", "throughput_nonces_per_second", "n_mismatch", "p_value", "experiment_dir"], values.Keys);
        Assert.Equal("PASS", values["verdict"]);
        Assert.Equal("0", values["exit_code"]);
        Assert.InRange(double.Parse(values["throughput_nonces_per_second"], System.Globalization.CultureInfo.InvariantCulture), 90, 110);
        Assert.Equal("0", values["n_mismatch"]);
        Assert.StartsWith(Path.Combine(_work.Path, "ci-results"), values["experiment_dir"]);
        var markdown = File.ReadAllText(summary);
        Assert.StartsWith("# earlier step\n### MLNode validation: ✅ PASS (exit 0)", markdown);
        Assert.Contains("| [4/4] validate | PASS |", markdown);
        Assert.InRange(markdown.Length, 500, 16 * 1024);
        Assert.Equal(4, Regex.Matches(run.Stdout, "^::group::\\[[1-4]/4\\]", RegexOptions.Multiline).Count);
        Assert.Equal(4, Regex.Matches(run.Stdout, "^::endgroup::", RegexOptions.Multiline).Count);
        JUnitAssert.Valid(ResultsFile("validate_junit.xml"));
    }

    [Fact]
    public async Task GitHubActions_Fraud_AnnotatesTheErrorAndOutputsFail()
    {
        await using var node = await MlNodeSimulator.StartAsync(RunHarness.FastSimulator with { Faults = [Fault.Parse("dishonest:0.5")] });
        var outputs = _work.Combine("github_output");

        var run = await RunWorkflowAsync("github-actions.yml", node, new() { ["GITHUB_ACTIONS"] = "true", ["GITHUB_STEP_SUMMARY"] = _work.Combine("summary.md"), ["GITHUB_OUTPUT"] = outputs });

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("verdict=FAIL", File.ReadAllLines(outputs));
        Assert.Matches("^::error::MLNode validation FAIL — \\d+ of 32 nonces beyond 0\\.2", run.Stdout.Split('\n').Single(l => l.StartsWith("::error::", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task GitLabCi_CollapsibleSectionsAndTheJUnitWhereTheJobExpectsIt()
    {
        await using var node = await MlNodeSimulator.StartAsync(RunHarness.FastSimulator);

        var run = await RunWorkflowAsync("gitlab-ci.yml", node, new() { ["GITLAB_CI"] = "true", ["CI_SERVER"] = "yes" });

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(4, Regex.Matches(run.Stdout, "section_start:\\d+:mlnode_phase_\\d\\[collapsed=false\\]").Count);
        Assert.Equal(4, Regex.Matches(run.Stdout, "section_end:\\d+:mlnode_phase_\\d").Count);
        var pattern = Regex.Match(File.ReadAllText(Path.Combine(RepositoryPaths.Root, "docs", "ci", "gitlab-ci.yml")), "junit: (?<glob>\\S+)").Groups["glob"].Value;
        Assert.Equal("ci-results/*/validate_junit.xml", pattern);
        JUnitAssert.Valid(ResultsFile("validate_junit.xml"));
    }

    [Fact]
    public async Task AzurePipelines_GroupsPublishedTestResultsAndVariables()
    {
        await using var node = await MlNodeSimulator.StartAsync(RunHarness.FastSimulator);

        var run = await RunWorkflowAsync("gitlab-ci.yml", node, new() { ["TF_BUILD"] = "True", ["AGENT_NAME"] = "test-agent" });

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(4, Regex.Matches(run.Stdout, "^##\\[group\\]\\[[1-4]/4\\]", RegexOptions.Multiline).Count);
        Assert.Contains("##vso[results.publish type=JUnit;", run.Stdout);
        Assert.Contains("validate_junit.xml", run.Stdout);
        Assert.Contains("##vso[task.uploadsummary]", run.Stdout);
        Assert.Contains("##vso[task.setvariable variable=verdict;isOutput=true;]PASS", run.Stdout);
    }

    [Fact]
    public async Task TeamCity_BlocksImportedJUnitAndStatistics_WithTeamCityEscaping()
    {
        await using var node = await MlNodeSimulator.StartAsync(RunHarness.FastSimulator);

        var run = await RunWorkflowAsync("gitlab-ci.yml", node, new() { ["TEAMCITY_VERSION"] = "2025.07" });

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(4, Regex.Matches(run.Stdout, "##teamcity\\[blockOpened name='\\|\\[[1-4]/4\\|\\]").Count);
        Assert.Contains("##teamcity[importData type='junit' path='", run.Stdout);
        Assert.Matches("##teamcity\\[buildStatisticValue key='mlnode.throughput.nonces_per_second' value='[0-9.]+'\\]", run.Stdout);
        Assert.Contains("##teamcity[setParameter name='mlnode.verdict' value='PASS']", run.Stdout);
    }

    [GeneratedRegex(@"(?m)^\s*(?:run:|-)\s+(?<command>\./build\.sh [^\n]+)$")]
    private static partial Regex CommandLine();

    public void Dispose() => _work.Dispose();
}
