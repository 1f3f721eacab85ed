using Newtonsoft.Json.Linq;
using MlNode.Simulator;
using MlNode.Tasks.References;
using MlNode.Tasks.Tests.Support;

namespace MlNode.Tasks.Tests.Cake;

/// <summary>The other targets through ./build.sh: configuration, CheckReferences, BakeReference, Demo and Simulator.</summary>
[Collection("cake")]
[Trait("Category", "Integration")]
public sealed class TargetsTests : IDisposable
{
    private readonly TempDirectory _root = new();

    [Fact]
    public async Task CakeConfig_EnvironmentAndArguments_OverrideInThatOrder()
    {
        // Given: a script whose cake.config sets a timeout (the repository's only shows commented examples).
        var library = Path.Combine(RepositoryPaths.Root, "artifacts", "bin", "MlNode.Tasks", "release", "MlNode.Tasks.dll");
        var config = _root.Combine("cake.config");
        File.WriteAllText(config, "[MlNode]\nDownloadTimeout=3600\n");
        var script = _root.Combine("help.cake");
        File.WriteAllText(script, $$"""
            #r "{{library}}"
            using MlNode.Tasks.Cake;
            var mlnode = MlNodeBuild.Create(Context, new MlNodeBuildOptions { RepositoryRoot = "{{RepositoryPaths.Root}}", ConfigFile = "{{config}}" });
            Task("Help").Does(() => mlnode.Help(Tasks));
            System.Environment.Exit(mlnode.Run(Tasks, Argument("target", "Help"), Settings.Exclusive, RunTarget));
            """);

        // When: the script compiled once and cached for the next two runs, as build.sh runs the repository's
        Dictionary<string, string?> Environment(string? timeout) => new()
        {
            ["CAKE_SETTINGS_ENABLESCRIPTCACHE"] = "true",
            ["CAKE_PATHS_CACHE"] = _root.Combine("cache"),
            ["CAKE_MLNODE_DOWNLOADTIMEOUT"] = timeout,
        };
        var fromFile = await CakeRunner.RunScriptAsync(script, [], Environment(null));
        var environment = await CakeRunner.RunScriptAsync(script, [], Environment("123"));
        var argument = await CakeRunner.RunScriptAsync(script, ["--download-timeout=5"], Environment("123"));
        var repository = await CakeRunner.RunAsync(["--target=Help"]);

        // Then
        Assert.Contains("default: 7200; now: 3600 (cake.config)", fromFile.Stdout);
        Assert.Contains("default: 7200; now: 123 (environment)", environment.Stdout);
        Assert.Contains("default: 7200; now: 5 (cli)", argument.Stdout);
        Assert.Contains("default: 7200; now: 7200 (default)", repository.Stdout);
    }

    [Fact]
    public async Task TopLevelCakeConfig_SettingsSectionTakesEffect()
    {
        var cached = _root.Combine("cache-on");
        var uncached = _root.Combine("cache-off");

        await CakeRunner.RunAsync(["--target=Help"], new Dictionary<string, string?> { ["CAKE_PATHS_CACHE"] = cached });
        await CakeRunner.RunAsync(["--target=Help"], new Dictionary<string, string?> { ["CAKE_PATHS_CACHE"] = uncached, ["CAKE_SETTINGS_ENABLESCRIPTCACHE"] = "false" });

        Assert.NotEmpty(Directory.Exists(cached) ? Directory.GetFiles(cached, "*", SearchOption.AllDirectories) : []);
        Assert.Empty(Directory.Exists(uncached) ? Directory.GetFiles(uncached, "*", SearchOption.AllDirectories) : []);
    }

    [Fact]
    public async Task CheckReferences_RepositoryAndRealReferences_Pass()
    {
        var real = TestReferences.RealReferencesDirectory();
        var path = real is null ? "references" : $"references;{real}";

        var run = await CakeRunner.RunAsync(["--target=CheckReferences", $"--references-path={path}"]);

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("references/mlnodesim-demo-poc-0.1b.json", run.Stdout);
        var expected = 1 + (real is null ? 0 : Directory.GetFiles(real, "*.json").Length);
        Assert.Contains($"all {expected} reference files are valid", run.Stdout);
    }

    [Fact]
    public async Task CheckReferences_BadFile_ExitsOneAndSaysWhich()
    {
        var document = TestReferences.Document();
        document["artifacts"]![0]!["nonce"] = 1;
        TestReferences.Write(_root.Path, document);

        var run = await CakeRunner.RunAsync(["--target=CheckReferences", $"--references-path={_root.Path}"]);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("duplicate nonce", run.Stdout);
        Assert.Equal("ERROR: 1 of 1 reference files are invalid (listed above); fix or re-bake them", run.LastLine);
    }

    [Fact]
    public async Task BakeReference_ThenValidate_ThenRefuseToOverwrite()
    {
        await using var node = await MlNodeSimulator.StartAsync(RunHarness.FastSimulator);
        var references = _root.Combine("refs");
        string[] target = [$"--mlnode-url={node.BaseUrl}", "--model=TestOrg/Baked-1B", $"--references-path={references}"];

        var bake = await CakeRunner.RunAsync(["--target=BakeReference", .. target, "--num-nonces=8", "--additional-args=[\"--tensor-parallel-size\",\"2\"]", "--poll-interval-min=0.05", "--poll-interval-max=0.1"]);
        var validate = await CakeRunner.RunAsync(["--target=Report", .. target, $"--experiments-root={_root.Combine("exp")}", "--skip-throughput"]);
        var generatesBefore = node.Journal.To("POST", "/api/v1/inference/pow/generate").Count;
        var again = await CakeRunner.RunAsync(["--target=BakeReference", .. target]);

        Assert.Equal(0, bake.ExitCode);
        Assert.Contains("./build.sh --target=Report --mlnode-url=<mlnode-url> --model=TestOrg/Baked-1B", bake.Stdout);
        Assert.Equal(8, ReferenceReader.Load(Path.Combine(references, "testorg-baked-1b.json")).Vectors.Count);
        Assert.Equal(0, validate.ExitCode);
        Assert.Contains("verdict: PASS", validate.Stdout);
        Assert.Contains("already_running", validate.Stdout);
        Assert.Equal(1, again.ExitCode);
        Assert.StartsWith("ERROR: reference '", again.LastLine);
        Assert.Contains("pass --force", again.LastLine);
        Assert.Equal(generatesBefore, node.Journal.To("POST", "/api/v1/inference/pow/generate").Count);
    }

    [Fact]
    public async Task BakeReference_ExclusiveOnANodeNotServing_IsAClearError()
    {
        await using var node = await MlNodeSimulator.StartAsync(RunHarness.FastSimulator);

        var run = await CakeRunner.RunAsync(["--target=BakeReference", "--exclusive", $"--mlnode-url={node.BaseUrl}", "--model=TestOrg/Baked-1B", $"--out={_root.Combine("x.json")}"]);

        Assert.Equal(1, run.ExitCode);
        Assert.StartsWith("ERROR: vLLM is not running on the node and deploy was skipped (--exclusive runs only BakeReference)", run.LastLine);
        Assert.False(File.Exists(_root.Combine("x.json")));
    }

    [Theory]
    [InlineData("none", 0, "verdict: PASS")]
    [InlineData("mismatches", 0, "verdict: PASS (with mismatches within stat-test tolerance)")]
    [InlineData("slow-replica", 0, "callout: slow replica: backend port 5001")]
    [InlineData("dishonest", 2, "verdict: FAIL (fraud_detected)")]
    [InlineData("deploy-fails", 1, "ERROR: vLLM startup failed")]
    public async Task Demo_EachFault_HasTheRightVerdictAndExitCode(string fault, int exitCode, string expected)
    {
        var run = await CakeRunner.RunAsync(["--target=Demo", $"--demo-fault={fault}", $"--experiments-root={_root.Path}", "--warmup-seconds=0", "--measure-seconds=1.5"]);

        Assert.Equal(exitCode, run.ExitCode);
        Assert.Contains(expected, run.Stdout);
        Assert.Contains("[demo] baking a 32-vector golden reference from the trusted node", run.Stdout);
        Assert.Single(Directory.GetDirectories(_root.Path));
        Assert.True(File.Exists(Path.Combine(Directory.GetDirectories(_root.Path).Single(), "demo_reference.json")));
    }

    [Fact]
    public async Task Demo_PushgatewayFromTheEnvironment_PushesNothingAndSaysHowToPush()
    {
        // Given: a Pushgateway set for real runs in the environment (a closed port: a push would warn)
        var environment = new Dictionary<string, string?> { ["CAKE_MLNODE_PUSHGATEWAY"] = $"http://127.0.0.1:{LoopbackPorts.Free()}" };

        // When
        var run = await CakeRunner.RunAsync(["--target=Demo", $"--experiments-root={_root.Path}", "--warmup-seconds=0", "--measure-seconds=1"], environment);

        // Then: the demo says it does not push and how to make it, and tries nothing
        Assert.Equal(0, run.ExitCode);
        Assert.Contains("demo: not pushing metrics to the Pushgateway from environment; give --pushgateway on the command line to push a demo (as node mlnode-demo)", run.Stdout);
        Assert.DoesNotContain("metrics not pushed", run.Output);
    }

    [Theory]
    [InlineData("Demo")]
    [InlineData("FleetDemo")]
    public async Task Demo_ArgumentOutOfRange_IsRefusedBeforeAnythingIsBaked(string target)
    {
        var run = await CakeRunner.RunAsync([$"--target={target}", "--min-throughput=1e9"]);

        Assert.Equal(1, run.ExitCode);
        Assert.StartsWith("ERROR: --min-throughput=1e9 is out of range", run.LastLine);
        Assert.DoesNotContain("bak", run.Stdout, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Demo_BaselineThatDoesNotExist_IsRefusedBeforeAnythingIsBaked()
    {
        var run = await CakeRunner.RunAsync(["--target=Demo", "--baseline=/nonexistent", $"--experiments-root={_root.Combine("exp")}"]);

        Assert.Equal(1, run.ExitCode);
        Assert.StartsWith("ERROR: --baseline '/nonexistent': does not exist", run.LastLine);
        Assert.DoesNotContain("bak", run.Stdout, StringComparison.OrdinalIgnoreCase);
        Assert.False(Directory.Exists(_root.Combine("exp")));
    }

    [Fact]
    public async Task Demo_WithANodeUrl_IsRefused()
    {
        var run = await CakeRunner.RunAsync(["--target=Demo", "--mlnode-url=http://10.0.0.5:8080"]);

        Assert.Equal(1, run.ExitCode);
        Assert.StartsWith("ERROR: --mlnode-url is chosen by the Demo target itself", run.LastLine);
    }

    [Fact]
    public async Task Simulator_ServesUntilCtrlC()
    {
        string? status = null;

        // Port 0 and the address it prints: a port picked free beforehand can be taken by a test running beside this one.
        var run = await CakeRunner.RunAsync(
            ["--target=Simulator", "--port=0", "--gpus=4"],
            whileRunning: async (process, output) =>
            {
                await CakeRunner.WaitForAsync(process, output, "MLNode simulator listening on");
                using var http = new HttpClient();
                status = await http.GetStringAsync($"{Listening(output, "MLNode simulator listening on ")}/_sim/options");
                await CakeRunner.SignalAsync(process, "INT");
            });

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("\"gpus\":4", status);
        Assert.Contains("MLNode simulator stopped", run.Stdout);
    }

    [Fact]
    public async Task Simulator_Fleet_ServesTheAdminApiAndItsNodesUntilCtrlC()
    {
        JArray? nodes = null;
        string? options = null;

        var run = await CakeRunner.RunAsync(
            ["--target=Simulator", "--fleet=3", "--port=0", "--fleet-fault=2:slow-replica:0.5", "--fleet-in-use=3"],
            whileRunning: async (process, output) =>
            {
                await CakeRunner.WaitForAsync(process, output, "Simulated Network Node");
                using var http = new HttpClient();
                nodes = JArray.Parse(await http.GetStringAsync($"{Listening(output, "its Admin API on ")}/admin/v1/nodes"));
                var second = nodes[1]["node"]!;
                options = await http.GetStringAsync($"http://{second["host"]}:{second["poc_port"]}/_sim/options");
                await CakeRunner.SignalAsync(process, "INT");
            });

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(["node1", "node2", "node3"], nodes!.Select(n => (string?)n["node"]!["id"]));
        Assert.Contains("slow-replica", options);
        Assert.Equal(2, (int)nodes![2]["state"]!["lock_count"]!);
        Assert.Equal(0, (int)nodes[0]["state"]!["lock_count"]!);
        Assert.Contains("--target=Fleet --admin-api=", run.Stdout);
    }

    // The address a simulator printed after the words that introduce it.
    private static string Listening(System.Text.StringBuilder output, string after)
    {
        string text;
        lock (output)
        {
            text = output.ToString();
        }

        return System.Text.RegularExpressions.Regex.Match(text, System.Text.RegularExpressions.Regex.Escape(after) + @"(http://127\.0\.0\.1:\d+)").Groups[1].Value;
    }

    public void Dispose() => _root.Dispose();
}
