using MlNode.Simulator.Fleet;
using MlNode.Tasks.Common;
using MlNode.Tasks.Fleet;
using MlNode.Tasks.Fleet.Documents;
using MlNode.Tasks.Documents;
using MlNode.Tasks.Tests.Support;
using Newtonsoft.Json.Linq;

namespace MlNode.Tasks.Tests.Fleet;

public sealed partial class FleetValidationTests
{
    [Fact]
    public async Task RunAsync_MixedFleetFromAdminApi_OneRowPerPairWorstFirstAndExitTwo()
    {
        // Given a Network Node with four MLNodes: node2 dishonest, node3's deploy fails, node4 in use
        await using var harness = await FleetHarness.StartAsync("--fleet=4", "--fleet-fault=2:dishonest:0.25", "--fleet-fault=3:deploy-fails", "--fleet-in-use=4");

        // When the fleet is validated
        var (run, console) = await harness.RunAsync();

        // Then every pair has its row, worst first, and the fraud wins the exit code over the error and the refusal
        Assert.Equal(["node2 FAIL", "node3 ERROR", "node4 REFUSED", "node1 PASS"], run.Result.Rows.Select(r => $"{r.NodeId} {r.StatusText}"));
        Assert.Equal(ExitCodes.Fraud, run.Result.ExitCode);
        Assert.Contains("assigned in the current epoch", run.Result.Rows[2].RefusalReason);
        Assert.Contains("vLLM startup failed", run.Result.Rows[1].Error);
        Assert.True(run.Result.Rows[0].NMismatch > 0);
        Assert.Equal(0, run.Result.Rows[3].NMismatch);

        // And the node in use was never touched, while the others went through their pipelines
        Assert.Empty(harness.Requests(4));
        Assert.Contains("POST /api/v1/inference/pow/generate", harness.Requests(1));

        // And the fleet folder holds one experiment folder per pair that ran, plus the three fleet files
        var document = DocumentJson.Deserialize<FleetReportDocument>(await File.ReadAllTextAsync(Path.Combine(run.Directory, FleetFiles.ReportFile)));
        Assert.Equal(new FleetCountsInfo { Total = 4, Pass = 1, Fail = 1, Error = 1, Refused = 1 }, document.Counts);
        Assert.All(document.Pairs.Where(p => p.Status != "REFUSED"), p => Assert.True(File.Exists(Path.Combine(run.Directory, p.ExperimentDir!, "validate_report.json"))));
        Assert.DoesNotContain(document.Pairs, p => p.Status == "REFUSED" && p.ExperimentDir is not null);
        var table = await File.ReadAllTextAsync(Path.Combine(run.Directory, FleetFiles.TextFile));
        var statuses = table.Split('\n').Where(l => System.Text.RegularExpressions.Regex.IsMatch(l, "^  (FAIL|ERROR|REFUSED|PASS) ")).Select(l => l.Trim().Split(' ')[0]);
        Assert.Equal(["FAIL", "ERROR", "REFUSED", "PASS"], statuses);
        Assert.Contains("fleet exit code: 2", table);
        Assert.Equal(4, System.Xml.Linq.XDocument.Load(Path.Combine(run.Directory, FleetFiles.JUnitFile)).Root!.Elements("testsuite").Count());

        // And every live line is attributable to its pair, with a progress line
        Assert.Contains("[node2 TestOrg/Tiny-PoC-1B] FAIL", console);
        Assert.Matches(@"4/4 done: 1 FAIL, 1 ERROR, 1 REFUSED, 1 PASS", console);
    }

    [Fact]
    public async Task RunAsync_MlNodeAndAdminApiCredentials_EachGoesOnlyToItsOwnService()
    {
        // Given: a token for the MLNodes and another for the Admin API
        await using var harness = await FleetHarness.StartAsync("--fleet=1");
        harness.Environment = new Dictionary<string, string>
        {
            [NodeEndpoint.AuthorizationVariable] = "Bearer mlnode-token-1",
            [NodeEndpoint.AdminAuthorizationVariable] = "Bearer admin-token-2",
        };

        // When
        var (run, console) = await harness.RunAsync();

        // Then: every Admin API call carried the Admin API's token only, every MLNode call the MLNodes' only
        Assert.Equal(FleetStatus.Pass, Assert.Single(run.Result.Rows).Status);
        Assert.NotEmpty(harness.Fleet.AdminRequests);
        Assert.All(harness.Fleet.AdminRequests, r => Assert.Equal("Bearer admin-token-2", r.Authorization));
        var mlnode = harness.Fleet.Nodes[0].Journal.Requests.Where(r => r.Path.StartsWith("/api/", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(mlnode);
        Assert.All(mlnode, r => Assert.Equal("Bearer mlnode-token-1", r.Headers["Authorization"]));
        Assert.DoesNotContain("token-", console);
    }

    [Fact]
    public async Task RunAsync_TwoAdminApis_OneFleetPairsNamedByNetworkNodeEachTokenToItsOwn()
    {
        // Given: two Network Nodes of two MLNodes each (the second's node2 dishonest), each with its own token
        await using var harness = await FleetHarness.StartAsync("--fleet=2");
        await using var second = await SimulatedFleet.StartAsync(FleetOptions.Parse(["--download-seconds=0.2", "--deploy-seconds=0.2", "--stop-seconds=0.1", "--rate=50", "--port=0", $"--fleet-model={TestReferences.Model}", "--fleet=2", "--fleet-fault=2:dishonest:0.25"]));
        harness.Environment = new Dictionary<string, string>
        {
            [NodeEndpoint.AdminAuthorizationVariable + "_1"] = "Bearer first-admin",
            [NodeEndpoint.AdminAuthorizationVariable + "_2"] = "Bearer second-admin",
        };
        string Network(SimulatedFleet fleet) => new Uri(fleet.AdminUrl).Authority;

        // When one Fleet takes both
        var (run, console) = await harness.RunAsync(("admin-api", $"{harness.Fleet.AdminUrl},{second.AdminUrl}"));

        // Then: four pairs, each named by its Network Node, the dishonest one FAIL, exit 2
        // (worst first; the passing rows' order follows the ephemeral ports in their names)
        Assert.Equal($"{Network(second)}/node2 FAIL", $"{run.Result.Rows[0].NodeId} {run.Result.Rows[0].StatusText}");
        Assert.Equal(
            new[] { $"{Network(harness.Fleet)}/node1 PASS", $"{Network(harness.Fleet)}/node2 PASS", $"{Network(second)}/node1 PASS" }.Order(StringComparer.Ordinal),
            run.Result.Rows.Skip(1).Select(r => $"{r.NodeId} {r.StatusText}").Order(StringComparer.Ordinal));
        Assert.Equal(2, run.Result.ExitCode);

        // And each Admin API saw only its own token, and the PoC schedule of each was checked
        Assert.All(harness.Fleet.AdminRequests, r => Assert.Equal("Bearer first-admin", r.Authorization));
        Assert.All(second.AdminRequests, r => Assert.Equal("Bearer second-admin", r.Authorization));
        Assert.Contains(harness.Fleet.AdminRequests, r => r.Path == "/admin/v1/poc/timing");
        Assert.Contains(second.AdminRequests, r => r.Path == "/admin/v1/poc/timing");
        Assert.DoesNotContain("-admin", console);

        // And the fleet files give each Network Node its own part: counts and exit code, its pairs together
        var document = DocumentJson.Deserialize<FleetReportDocument>(await File.ReadAllTextAsync(Path.Combine(run.Directory, FleetFiles.ReportFile)));
        Assert.Equal([(Network(harness.Fleet), 0, 2), (Network(second), 2, 2)], document.NetworkNodes!.Select(n => (n.Name, n.ExitCode, n.Counts.Total)));
        var text = await File.ReadAllTextAsync(Path.Combine(run.Directory, FleetFiles.TextFile));
        var firstBlock = text.IndexOf($"Network Node {Network(harness.Fleet)}: 2 pair(s), 2 PASS, 0 FAIL", StringComparison.Ordinal);
        var secondBlock = text.IndexOf($"Network Node {Network(second)}: 2 pair(s), 1 PASS, 1 FAIL", StringComparison.Ordinal);
        Assert.True(firstBlock > 0 && secondBlock > firstBlock, text);
        Assert.Contains($"{Network(second)}/node2", text[secondBlock..], StringComparison.Ordinal);
        Assert.DoesNotContain($"{Network(second)}/", text[firstBlock..secondBlock], StringComparison.Ordinal);
        var html = await File.ReadAllTextAsync(Path.Combine(run.Directory, FleetFiles.HtmlFile));
        Assert.Contains("<table id=\"network-nodes\">", html, StringComparison.Ordinal);
        Assert.Equal(2, System.Text.RegularExpressions.Regex.Count(html, "<tr class=\"group\">"));
    }

    [Fact]
    public async Task Resolve_SeveralAdminApisAndOneSharedToken_RefusedNamingTheIndexedVariables()
    {
        // Given: one token for two Network Nodes, which would send one's token to the other
        await using var harness = await FleetHarness.StartAsync("--fleet=1");
        harness.Environment = new Dictionary<string, string> { [NodeEndpoint.AdminAuthorizationVariable] = "Bearer one-token" };

        // When / Then
        var error = Assert.Throws<InputException>(() => FleetSettingsResolver.Resolve(harness.Sources(("admin-api", "http://127.0.0.1:1,http://127.0.0.1:2")), new SecretRedactor()));
        Assert.Contains("set MLNODE_ADMIN_AUTHORIZATION_1 ... _2", error.Message);
    }

    [Fact]
    public async Task RunAsync_TwoModelsOnOneNode_NeverRunAtOnce()
    {
        // Given one node serving two models (each with its reference) and room for both pairs at once
        await using var harness = await FleetHarness.StartAsync("--fleet=1", "--fleet-model=TestOrg/Other-PoC-2B");
        TestReferences.Write(harness.Root.Combine("references"), TestReferences.Document(model: "TestOrg/Other-PoC-2B"));

        // When the fleet runs with --max-parallel=4
        var (run, _) = await harness.RunAsync(("max-parallel", "4"));

        // Then both pass, and one pair's run ended before the other's began (they share the node's GPUs)
        Assert.All(run.Result.Rows, r => Assert.Equal(FleetStatus.Pass, r.Status));
        var spans = run.Result.Rows
            .Select(r => DocumentJson.Deserialize<ValidateReport>(File.ReadAllText(Path.Combine(run.Directory, r.ExperimentDirectory!, "validate_report.json"))))
            .Select(r => (Start: DateTimeOffset.Parse(r.StartedAt, System.Globalization.CultureInfo.InvariantCulture), End: DateTimeOffset.Parse(r.FinishedAt!, System.Globalization.CultureInfo.InvariantCulture)))
            .OrderBy(s => s.Start)
            .ToList();
        Assert.True(spans[0].End <= spans[1].Start, $"the pairs overlapped: {spans[0]} and {spans[1]}");
    }

    [Fact]
    public async Task RunAsync_PocStartsSoonerThanTheWorstCase_RefusesBeforeTouchingAnyNode()
    {
        // Given a PoC that starts in 30 minutes while one pair can take hours (default download timeout)
        await using var harness = await FleetHarness.StartAsync("--fleet=2", "--poc-in=1800");

        // When the fleet is asked to run
        var error = await Assert.ThrowsAsync<InputException>(() => harness.RunAsync());

        // Then the whole run is refused with the reason and the way out, and no node saw a request
        Assert.Matches("the next PoC starts in (30m|29m)", error.Message);
        Assert.Contains("--ignore-safety", error.Message);
        Assert.Empty(harness.Requests(1));
        Assert.Empty(harness.Requests(2));
        Assert.False(Directory.Exists(harness.Root.Combine("data", "experiments")));
    }

    [Theory]
    [InlineData("--poc-in=unknown", "does not know when the next PoC starts")]
    [InlineData("--poc-phase=PoCGenerate", "a PoC window is active")]
    [InlineData("--poc-in=300", "should be online")]
    public async Task RunAsync_ScheduleUnknownOrPocActive_FailsClosed(string option, string expected)
    {
        await using var harness = await FleetHarness.StartAsync("--fleet=1", option);

        var error = await Assert.ThrowsAsync<InputException>(() => harness.RunAsync());

        Assert.Contains(expected, error.Message);
        Assert.Empty(harness.Requests(1));
    }

    [Fact]
    public async Task RunAsync_IgnoreSafety_ValidatesTheNodeInUseAndSaysSoLoudly()
    {
        // Given a node in use and a PoC starting in 30 minutes
        await using var harness = await FleetHarness.StartAsync("--fleet=1", "--fleet-in-use=1", "--poc-in=1800");

        // When the operator overrides the safety checks
        var (run, console) = await harness.RunAsync(("ignore-safety", string.Empty));

        // Then the node is validated, and the run says what it overrode
        Assert.Equal(FleetStatus.Pass, Assert.Single(run.Result.Rows).Status);
        Assert.Contains("WARNING: --ignore-safety", console);
        Assert.True(run.Safety.Ignored);
    }

    [Fact]
    public async Task RunAsync_RefusedOk_RefusalsDoNotFailTheFleet()
    {
        await using var harness = await FleetHarness.StartAsync("--fleet=2", "--fleet-in-use=2");

        var (strict, _) = await harness.RunAsync();
        var (lenient, _) = await harness.RunAsync(("refused-ok", string.Empty));

        Assert.Equal(ExitCodes.Error, strict.Result.ExitCode);
        Assert.Equal(ExitCodes.Pass, lenient.Result.ExitCode);
        Assert.Contains("<skipped message=\"refused:", await File.ReadAllTextAsync(Path.Combine(lenient.Directory, FleetFiles.JUnitFile)));
    }

    [Fact]
    public async Task RunAsync_NodesFileWithAModelWithoutReference_ErrorRowWithTheBakeCommand()
    {
        // Given a node-config.json (gonka's format, with fields this tool does not read) whose node also lists a model
        // nobody baked a reference for
        await using var harness = await FleetHarness.StartAsync("--fleet=1");
        var port = new Uri(harness.Fleet.Nodes[0].BaseUrl).Port;
        var config = harness.Root.Combine("node-config.json");
        await File.WriteAllTextAsync(config, """
            [{"id": "gpu-a", "host": "127.0.0.1", "inference_segment": "", "inference_port": PORT, "poc_segment": "", "poc_port": PORT,
              "max_concurrent": 500, "hardware": [{"type": "H100", "count": 8}], "future_field": {"x": 1},
              "models": {"TestOrg/Tiny-PoC-1B": {"args": []}, "TestOrg/Unbaked-7B": {"args": ["--tensor-parallel-size", "8"]}}}]
            """.Replace("PORT", port.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal));

        // When the fleet runs from the file
        var (run, console) = await harness.RunAsync(("nodes", config));

        // Then the baked model passes, the other is an ERROR row naming the exact command, and the missing state is warned about once
        Assert.Equal(["gpu-a TestOrg/Unbaked-7B ERROR", "gpu-a TestOrg/Tiny-PoC-1B PASS"], run.Result.Rows.Select(r => $"{r.NodeId} {r.Model} {r.StatusText}"));
        Assert.Contains("./build.sh --target=BakeReference --mlnode-url=<trusted-mlnode-url> --model=TestOrg/Unbaked-7B --num-nonces=32 --out=references/testorg-unbaked-7b.json", run.Result.Rows[0].Error);
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(console, "WARNING: --nodes gives no node state"));
        Assert.Equal(ExitCodes.Error, run.Result.ExitCode);
    }

    [Fact]
    public async Task RunAsync_Interrupted_StopsGenerationEverywhereAndWritesEveryPartialReport()
    {
        // Given two nodes generating with a long measurement window
        await using var harness = await FleetHarness.StartAsync("--fleet=2");
        using var interrupt = new CancellationTokenSource();
        var running = harness.RunAsync(interrupt.Token, ("measure-seconds", "30"));

        // When Ctrl-C arrives while both measure
        await WaitUntilAsync(() => harness.Fleet.Nodes.All(n => n.Journal.To("POST", "/api/v1/inference/pow/init/generate").Count > 0));
        await Task.Delay(500);
        await interrupt.CancelAsync();
        var (run, _) = await running;

        // Then each node was told to stop, every pair's report says interrupted, and the fleet exits 130
        Assert.All(harness.Fleet.Nodes, n => Assert.NotEmpty(n.Journal.To("POST", "/api/v1/inference/pow/stop")));
        Assert.All(run.Result.Rows, r => Assert.Equal("INTERRUPTED", r.Verdict));
        Assert.Equal(ExitCodes.Interrupted, run.Result.ExitCode);
        Assert.True(File.Exists(Path.Combine(run.Directory, FleetFiles.ReportFile)));
    }

    [Fact]
    public async Task RunAsync_GatesPerPair_AutoBaselineFromAnEarlierFleetAndExitThreeWhenOnlyAGateFails()
    {
        // Given an earlier fleet run of the same node and model under the same experiments root
        await using var harness = await FleetHarness.StartAsync("--fleet=1");
        var (first, _) = await harness.RunAsync();
        Assert.Equal(ExitCodes.Pass, first.Result.ExitCode);

        // When the next fleet run gates every pair against that run and asks for an impossible minimum
        var (gated, _) = await harness.RunAsync(("baseline", "auto"), ("min-throughput", "100000"));

        // Then the pair found the earlier fleet's report as its baseline, passed validation, failed the gate: exit 3
        var row = Assert.Single(gated.Result.Rows);
        Assert.True(row.GateFailed);
        Assert.Equal(ExitCodes.Gate, gated.Result.ExitCode);
        var report = JObject.Parse(await File.ReadAllTextAsync(Path.Combine(gated.Directory, row.ExperimentDirectory!, "validate_report.json")));
        var drop = report["gates"]!.Single(g => (string?)g["name"] == "max-throughput-drop");
        Assert.Contains(Path.GetFileName(first.Directory), (string?)drop["detail"]);
        Assert.Contains("PASS, gate FAILED", await File.ReadAllTextAsync(Path.Combine(gated.Directory, FleetFiles.TextFile)));
    }

    [Fact]
    public async Task RunAsync_AdminApiUrlWithPassword_PasswordInNoLineAndNoFile()
    {
        await using var harness = await FleetHarness.StartAsync("--fleet=1");
        var url = harness.Fleet.AdminUrl.Replace("http://", "http://ops:Adm1nS3cret@", StringComparison.Ordinal);

        var (run, console) = await harness.RunAsync(("admin-api", url));

        Assert.Equal(FleetStatus.Pass, Assert.Single(run.Result.Rows).Status);
        Assert.DoesNotContain("Adm1nS3cret", console);
        Assert.All(Directory.GetFiles(run.Directory, "*", SearchOption.AllDirectories), f => Assert.DoesNotContain("Adm1nS3cret", File.ReadAllText(f)));
    }

    [Fact]
    public async Task RunAsync_AdminApiPointsAtAnMlNode_OneLineErrorNamingTheEndpointAndTheFix()
    {
        // Given --admin-api pointing at an MLNode (port 8080 instead of the Network Node's 9200, say)
        await using var harness = await FleetHarness.StartAsync("--fleet=1");

        // When the fleet is read
        var error = await Assert.ThrowsAsync<InputException>(() => harness.RunAsync(("admin-api", harness.Fleet.Nodes[0].BaseUrl)));

        // Then it is one line that names the call and says what to check, and nothing was written
        Assert.Contains("answered GET /admin/v1/nodes with HTTP 404", error.Message);
        Assert.Contains("check --admin-api", error.Message);
        Assert.DoesNotContain('\n', error.Message);
        Assert.False(Directory.Exists(harness.Root.Combine("data")));
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "timed out waiting");
            await Task.Delay(50);
        }
    }
}
