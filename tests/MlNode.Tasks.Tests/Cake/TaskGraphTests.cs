using System.Text.RegularExpressions;
using MlNode.Simulator;
using MlNode.Tasks.Reports;
using MlNode.Tasks.Tests.Support;
using Newtonsoft.Json.Linq;

namespace MlNode.Tasks.Tests.Cake;

/// <summary>The real Cake graph through ./build.sh: targets, --exclusive, exit codes and the console.</summary>
[Collection("cake-graph")]
public sealed partial class TaskGraphTests : IDisposable
{
    private readonly TempDirectory _root = new();

    private string References => _root.Combine("references");

    private string Experiments => _root.Combine("experiments");

    private static readonly string[] Fast = [.. RunHarness.FastCommandLine];

    private string[] Against(MlNodeSimulator node, params string[] extra) =>
        [$"--mlnode-url={node.BaseUrl}", $"--model={TestReferences.Model}", $"--references-path={References}", $"--experiments-root={Experiments}",
         .. Fast.Where(f => !extra.Any(e => e.Split('=')[0] == f.Split('=')[0])), .. extra];

    private static Task<MlNodeSimulator> Node(params string[] faults) => MlNodeSimulator.StartAsync(RunHarness.With(faults));

    [Theory]
    [InlineData("", "[3/4] throughput: skipped (not part of --target=Validate)")]
    [InlineData(".IsDependeeOf(\"Validate\")", "[3/4] throughput: would run")]
    public async Task Plan_ScriptDeclaringAnotherGraph_GetsThePlanCakeRuns(string throughputHook, string expected)
    {
        // Given: a script of a user's own whose Validate depends on Deploy directly (Throughput hooked back in with
        // IsDependeeOf, or not), with the repository's library.
        var library = Path.Combine(RepositoryPaths.Root, "artifacts", "bin", "MlNode.Tasks", "release", "MlNode.Tasks.dll");
        var script = _root.Combine("other.cake");
        File.WriteAllText(script, $$"""
            #r "{{library}}"
            using MlNode.Tasks.Cake;
            var mlnode = MlNodeBuild.Create(Context, new MlNodeBuildOptions { RepositoryRoot = "{{RepositoryPaths.Root}}" });
            Setup(context => mlnode.BeginSession(context));
            Teardown(context => mlnode.EndSession(context));
            Task("Download").Does(() => mlnode.Session.DownloadAsync());
            Task("Deploy").IsDependentOn("Download").Does(() => mlnode.Session.DeployAsync());
            Task("Throughput").IsDependentOn("Deploy"){{throughputHook}}.Does(() => mlnode.Session.ThroughputAsync());
            Task("Validate").IsDependentOn("Deploy").Does(() => mlnode.Session.ValidateAsync());
            System.Environment.Exit(mlnode.Run(Tasks, Argument("target", "Validate"), Settings.Exclusive, RunTarget));
            """);
        TestReferences.Write(References, TestReferences.Document());
        await using var node = await Node();

        // When
        var other = await CakeRunner.RunScriptAsync(script, ["--target=Validate", "--dryrun", .. Against(node)]);

        // Then: the same library, the script's graph as Cake walks it.
        Assert.True(other.ExitCode == 0, other.Output);
        Assert.Contains("[2/4] deploy: would run", other.Stdout);
        Assert.Contains(expected, other.Stdout);
    }

    [Fact]
    public async Task BareBuildSh_ShowsHelpWithTasksDependenciesAndArguments()
    {
        var run = await CakeRunner.RunAsync([]);

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("tasks (a task's dependencies run first; --exclusive runs only the named task):", run.Stdout);
        Assert.Matches(@"Validate\s+\[4/4\].*\(after Throughput\)", run.Stdout);
        Assert.Matches(@"BakeReference\s+.*\(after Deploy\)", run.Stdout);
        Assert.Contains("--download-timeout=<seconds>", run.Stdout);
        Assert.Contains("default: 7200; now: 7200 (default)", run.Stdout);
    }

    [Theory]
    [InlineData("--help")]
    [InlineData("-h")]
    public async Task HelpFlag_ShowsTheTaskPackHelpNotCakesRunnerUsage(string flag)
    {
        var run = await CakeRunner.RunAsync(["--target=Report", flag]);

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("usage: ./build.sh --target=<task>", run.Stdout);
        Assert.Contains("--dryrun (checks the inputs and shows the plan", run.Stdout);
        Assert.DoesNotContain("dotnet cake [SCRIPT]", run.Output);
    }

    [Fact]
    public async Task HelpFlag_WithTargetSimulator_ListsTheSimulatorsOptions()
    {
        var run = await CakeRunner.RunAsync(["--target=Simulator", "--help"]);

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("--port=<port>", run.Stdout);
        Assert.Contains("--gpus=<n>", run.Stdout);
        Assert.DoesNotContain("listening", run.Output);
    }

    [Theory]
    [InlineData("--dryrun")]
    [InlineData("--noop")]
    [InlineData("--whatif")]
    public async Task DryRun_ChecksTheInputsButWritesNothingAndNeverCallsTheNode(string dryRun)
    {
        // Given a node and a valid reference
        await using var node = await Node();
        TestReferences.Write(References, TestReferences.Document());

        // When the full chain is dry-run with one phase skipped
        var run = await CakeRunner.RunAsync(["--target=Report", dryRun, .. Against(node, "--skip-throughput")]);

        // Then the plan is shown, and no folder, no report and no request came of it
        Assert.Equal(0, run.ExitCode);
        Assert.Contains("(not created: dry run)", run.Stdout);
        Assert.Contains("[1/4] download: would run", run.Stdout);
        Assert.Contains("[3/4] throughput: skipped (--skip-throughput)", run.Stdout);
        Assert.StartsWith("dry run: the inputs are valid; no MLNode was contacted and nothing was written", run.LastLine);
        Assert.False(Directory.Exists(Experiments));
        Assert.Empty(node.Journal.Requests);
    }

    [Theory]
    [InlineData("--dryrun=false")]
    [InlineData("--noop=False")]
    public async Task DryRunFalse_IsARealRunNotAPreviewThatCrashes(string notDry)
    {
        // Given a node and a valid reference
        await using var node = await Node();
        TestReferences.Write(References, TestReferences.Document());

        // When the switch is given with the value false
        var run = await CakeRunner.RunAsync(["--target=Report", notDry, .. Against(node, "--skip-throughput")]);

        // Then it runs as Cake runs it: for real, to a verdict, with no preview and no internal error
        Assert.Equal(0, run.ExitCode);
        Assert.Contains("verdict: PASS", run.Stdout);
        Assert.DoesNotContain("would run", run.Stdout);
        Assert.DoesNotContain("this is a bug", run.Output);
        Assert.NotEmpty(node.Journal.Requests);
    }

    [Fact]
    public async Task DryRun_BadInput_IsStillOneErrorLineAndExitOne()
    {
        var run = await CakeRunner.RunAsync(["--target=Report", "--dryrun", "--mlnode-url=http://127.0.0.1:9", "--model=qwen 0.6B"]);

        Assert.Equal(1, run.ExitCode);
        Assert.StartsWith("ERROR: --model='qwen 0.6B' is not a full HuggingFace model id", run.LastLine);
    }

    [Fact]
    public async Task DryRun_Demo_StartsNoSimulatorAndWritesNothing()
    {
        var run = await CakeRunner.RunAsync(["--target=Demo", "--dryrun", $"--experiments-root={Experiments}"]);

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("Demo would start the embedded MLNode simulator", run.Stdout);
        Assert.DoesNotContain("listening", run.Output);
        Assert.False(Directory.Exists(Experiments));
    }

    [Fact]
    public async Task TargetValidate_RunsTheChainButNotReport()
    {
        await using var node = await Node();
        TestReferences.Write(References, TestReferences.Document());

        var run = await CakeRunner.RunAsync(["--target=Validate", .. Against(node)]);

        Assert.Equal(0, run.ExitCode);
        foreach (var header in new[] { "[1/4] download: ensuring", "[2/4] deploy: model=", "[3/4] throughput: starting", "[4/4] validate: sending 32 vectors" })
        {
            Assert.Contains(header, run.Stdout);
        }

        Assert.Matches(TaskHeader("Validate"), run.Stdout);
        Assert.DoesNotMatch(TaskHeader("Report"), run.Stdout);
        Assert.Equal("verdict: PASS", NonEmptyLines(run.Stdout).First(l => l.StartsWith("verdict:", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task TargetDeploy_LaterPhasesAreNotPartOfIt()
    {
        await using var node = await Node();
        TestReferences.Write(References, TestReferences.Document());

        var run = await CakeRunner.RunAsync(["--target=Deploy", .. Against(node)]);

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("[3/4] throughput: skipped (not part of --target=Deploy)", run.Stdout);
        Assert.Contains("verdict: validation skipped", run.Stdout);
        Assert.Empty(node.Journal.To("POST", "/api/v1/inference/pow/init/generate"));
        Assert.True(node.Vllm.Replicas > 0);
    }

    [Fact]
    public async Task Exclusive_RunsOnlyTheNamedTask()
    {
        await using var node = await MlNodeSimulator.StartAsync(RunHarness.FastSimulator with { Running = TestReferences.Model });
        TestReferences.Write(References, TestReferences.Document());

        var run = await CakeRunner.RunAsync(["--target=Throughput", "--exclusive", .. Against(node)]);

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("[1/4] download: skipped (--exclusive runs only Throughput)", run.Stdout);
        Assert.Contains("[2/4] deploy: skipped (--exclusive runs only Throughput)", run.Stdout);
        Assert.Contains("[4/4] validate: skipped (not part of --target=Throughput)", run.Stdout);
        Assert.DoesNotMatch(TaskHeader("Download"), run.Stdout);
        Assert.DoesNotContain(node.Journal.Requests, r => r.Path.StartsWith("/api/v1/models", StringComparison.Ordinal));
        Assert.Single(node.Journal.To("POST", "/api/v1/inference/pow/init/generate"));
    }

    [Fact]
    public async Task DishonestNode_ExitsTwoWithFailVerdict()
    {
        await using var node = await Node("dishonest:0.5");
        TestReferences.Write(References, TestReferences.Document());

        var run = await CakeRunner.RunAsync(["--target=Report", .. Against(node, "--skip-throughput")]);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("verdict: FAIL (fraud_detected)", run.Stdout);
        Assert.Matches(@"^FAIL — \d+ of 32 nonces beyond 0\.2 \(p [0-9.e-]+\), verified against the node's own vectors; .* \(exit code 2\)$", run.LastLine);
    }

    [Fact]
    public async Task DeployFailure_ExitsOneAndEndsWithTheErrorLine()
    {
        await using var node = await Node("deploy-fails");
        TestReferences.Write(References, TestReferences.Document());

        var run = await CakeRunner.RunAsync(["--target=Report", .. Against(node)]);

        Assert.Equal(1, run.ExitCode);
        Assert.StartsWith("ERROR: vLLM startup failed: torch.OutOfMemoryError: CUDA out of memory", run.LastLine);
        Assert.Contains("verdict: ERROR", run.Stdout);
        Assert.DoesNotContain("   at ", run.Output);
        var report = JObject.Parse(File.ReadAllText(Directory.GetFiles(Experiments, ExperimentDirectory.ReportFile, SearchOption.AllDirectories).Single()));
        Assert.Equal("deploy", (string?)report["error"]!["phase"]);
    }

    [Fact]
    public async Task OutputJson_StdoutIsOnlyTheReport()
    {
        await using var node = await Node();
        TestReferences.Write(References, TestReferences.Document());

        var run = await CakeRunner.RunAsync(["--target=Report", "--output=json", .. Against(node)]);

        Assert.Equal(0, run.ExitCode);
        var report = JObject.Parse(run.Stdout);
        Assert.Equal("PASS", (string?)report["verdict"]);
        Assert.Equal(0, (int)report["exit_code"]!);
        Assert.Contains("[1/4] download", run.Stderr);
        Assert.Contains("verdict: PASS", run.Stderr);
    }

    [Fact]
    public async Task OutputJson_FailedRun_StdoutIsStillOnlyTheReport()
    {
        await using var node = await Node("deploy-fails");
        TestReferences.Write(References, TestReferences.Document());

        var run = await CakeRunner.RunAsync(["--target=Report", "--output=json", .. Against(node)]);

        Assert.Equal(1, run.ExitCode);
        Assert.Equal("ERROR", (string?)JObject.Parse(run.Stdout)["verdict"]);
    }

    [Fact]
    public async Task RelativeReference_IsResolvedFromTheCallersFolder()
    {
        await using var node = await Node();
        var caller = _root.Combine("caller");
        TestReferences.Write(Path.Combine(caller, "mine"), TestReferences.Document(), "custom.json");

        var run = await CakeRunner.RunAsync(["--target=Report", "--reference=mine/custom.json", "--skip-throughput", .. Against(node)], workingDirectory: caller);

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("reference: " + Path.Combine(caller, "mine", "custom.json"), run.Stdout);
    }

    private static string[] NonEmptyLines(string text) => text.Split('\n').Select(l => l.TrimEnd('\r')).Where(l => l.Trim().Length > 0).ToArray();

    private static Regex TaskHeader(string task) => new($@"^\s*{task}\s*$", RegexOptions.Multiline);

    public void Dispose() => _root.Dispose();
}
