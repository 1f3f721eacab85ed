using System.Diagnostics;
using MlNode.Tasks.Common;
using MlNode.Tasks.Fleet;
using MlNode.Tasks.Reports;
using MlNode.Tasks.Tests.Support;
using Newtonsoft.Json.Linq;

namespace MlNode.Tasks.Tests.Fleet;

/// <summary>FleetReport's merge reads folders anybody may have put under --from: it believes only what holds together.</summary>
[Trait("Category", "Integration")]
public sealed class FleetMergeTests : IDisposable
{
    private readonly TempDirectory _from = new();

    [Theory]
    [InlineData("error-exit-0", "verdict ERROR but exit_code 0")]
    [InlineData("failed-pass", "verdict PASS but status 'failed'")]
    [InlineData("pass-fraud", "verdict PASS but validation.response.fraud_detected true")]
    [InlineData("made-up-verdict", "verdict 'GREAT' is not one this tool writes")]
    [InlineData("passed-false", "verdict PASS but validation.passed is false")]
    [InlineData("every-mismatch-p-tiny", "verdict PASS but n_mismatch 32")]
    [InlineData("no-validation", "verdict PASS but the report has no validation section")]
    [InlineData("phases-failed", "verdict PASS but phase validate is failed")]
    [InlineData("incoherent", "verdict PASS but validation.coherent is false")]
    [InlineData("fraud-as-string", "fraud_detected (a boolean)")]
    public async Task Rows_ReportWhoseFieldsDisagree_ErrorRowSayingWhich(string edit, string expected)
    {
        // Given: a real PASS report, edited the way a careless (or hostile) hand would
        var report = await PassingReportAsync();
        switch (edit)
        {
            case "error-exit-0":
                report["verdict"] = "ERROR";
                report["status"] = "failed";
                break;
            case "failed-pass":
                report["status"] = "failed";
                break;
            case "pass-fraud":
                report["validation"]!["response"]!["fraud_detected"] = true;
                report["validation"]!["response"]!["n_mismatch"] = 30;
                break;
            case "passed-false":
                report["validation"]!["passed"] = false;
                break;
            case "every-mismatch-p-tiny":
                report["validation"]!["passed"] = false;
                report["validation"]!["response"]!["n_mismatch"] = 32;
                report["validation"]!["response"]!["p_value"] = 1e-30;
                break;
            case "no-validation":
                report["validation"] = null;
                break;
            case "phases-failed":
                foreach (var phase in ((JObject)report["phases"]!).Properties())
                {
                    phase.Value["state"] = "failed";
                }

                break;
            case "incoherent":
                report["validation"]!["coherent"] = false;
                break;
            case "fraud-as-string":
                report["validation"]!["response"]!["fraud_detected"] = "true";
                break;
            default:
                report["verdict"] = "GREAT";
                break;
        }

        WritePair("node1__testorg-tiny-poc-1b", report);

        // When
        var row = Assert.Single(FleetMerge.Rows(_from.Path, null, false, new SecretRedactor()));

        // Then
        Assert.Equal(FleetStatus.Error, row.Status);
        Assert.Contains("is not believed: its fields disagree", row.Error);
        Assert.Contains(expected, row.Error);
        Assert.Equal(ExitCodes.Error, new FleetResult([row], false).ExitCode);
    }

    [Fact]
    public async Task Rows_ReportOfAnotherMlNodeUrl_IsNotCreditedToThePairTheSourcePutsElsewhere()
    {
        // Given: a passing report of some node, put in node1's folder, while the fleet source puts node1 elsewhere
        var report = await PassingReportAsync();
        WritePair("node1__testorg-tiny-poc-1b", report);
        var node = new FleetNode("node1", "http://10.9.8.7:8080", [new(TestReferences.Model, [])], null);

        // When
        var row = Assert.Single(FleetMerge.Rows(_from.Path, [new FleetPair(node, TestReferences.Model, [], "test")], false, new SecretRedactor()));

        // Then
        Assert.Equal(FleetStatus.Error, row.Status);
        Assert.Contains($"it validated {(string)report["mlnode_url"]!}, but the fleet source puts node1 at http://10.9.8.7:8080", row.Error);
    }

    [Fact]
    public async Task Rows_ReportOfGigabytesBesideAGoodPair_ThatFolderAnErrorRowTheGoodPairMerged()
    {
        // Given: a good pair, and a pair folder whose report is 1.5 GB (sparse: no disk is used)
        WritePair("node1__testorg-tiny-poc-1b", await PassingReportAsync());
        var huge = Path.Combine(_from.Path, "node2__testorg-tiny-poc-1b");
        Directory.CreateDirectory(huge);
        await using (var file = new FileStream(Path.Combine(huge, ExperimentDirectory.ReportFile), FileMode.CreateNew))
        {
            file.SetLength(1536L * 1024 * 1024);
        }

        var before = GC.GetTotalAllocatedBytes();

        // When (the folder's own checks on disposal read every report: the huge one goes right after the merge)
        var rows = FleetMerge.Rows(_from.Path, null, false, new SecretRedactor());
        File.Delete(Path.Combine(huge, ExperimentDirectory.ReportFile));

        // Then
        Assert.Equal(2, rows.Count);
        Assert.Equal(FleetStatus.Pass, rows.Single(r => r.NodeId == "node1").Status);
        var big = rows.Single(r => r.NodeId == "node2");
        Assert.Equal(FleetStatus.Error, big.Status);
        Assert.Contains("it is 1536 MiB, larger than any report this tool writes (64 MiB)", big.Error);
        Assert.InRange(GC.GetTotalAllocatedBytes() - before, 0, 100L * 1024 * 1024);
    }

    [Fact]
    public async Task Merge_FromFolderWhereTheFleetFilesCannotBeWritten_OneInputErrorNotAnInternalOne()
    {
        // Given: a pair folder, and --from where fleet_report.json cannot be written (a folder holds its name; root
        // ignores permissions, a folder does not)
        WritePair("node1__testorg-tiny-poc-1b", await PassingReportAsync());
        Directory.CreateDirectory(Path.Combine(_from.Path, FleetFiles.ReportFile));
        var sources = MlNode.Tasks.Configuration.SettingsSources.From([new("from", _from.Path)], _from.Path);

        // When
        var error = await Assert.ThrowsAsync<InputException>(() => MlNode.Tasks.Cake.FleetTask.MergeAsync(
            sources, new SecretRedactor(), new MlNode.Tasks.Running.TextRunLog(TextWriter.Null, new SecretRedactor()), MlNode.Tasks.Ci.NoPipeline.Instance, TimeProvider.System, CancellationToken.None));

        // Then
        Assert.StartsWith($"FleetReport writes the fleet files into --from '{_from.Path}', which cannot be written", error.Message);
        Directory.Delete(Path.Combine(_from.Path, FleetFiles.ReportFile));
    }

    [Fact]
    public async Task Merge_FromTheFilesystemRoot_IsRefusedBeforeAnythingIsReadOrWritten()
    {
        var sources = MlNode.Tasks.Configuration.SettingsSources.From([new("from", "/"), new("nodes", "/nonexistent.json")], _from.Path);

        var error = await Assert.ThrowsAsync<InputException>(() => MlNode.Tasks.Cake.FleetTask.MergeAsync(
            sources, new SecretRedactor(), new MlNode.Tasks.Running.TextRunLog(TextWriter.Null, new SecretRedactor()), MlNode.Tasks.Ci.NoPipeline.Instance, TimeProvider.System, CancellationToken.None));

        Assert.StartsWith("--from '/' is the root of the filesystem", error.Message);
        Assert.False(File.Exists(Path.Combine("/", FleetFiles.ReportFile)));
    }

    [Fact]
    public async Task Rows_OnePairInTwoFolders_OneErrorRowNamingBoth()
    {
        var report = await PassingReportAsync();
        WritePair(Path.Combine("job-a", "node1__testorg-tiny-poc-1b"), report);
        WritePair(Path.Combine("job-b", "node1__testorg-tiny-poc-1b"), report);

        var row = Assert.Single(FleetMerge.Rows(_from.Path, null, false, new SecretRedactor()));

        Assert.Equal(FleetStatus.Error, row.Status);
        Assert.Contains("the pair has 2 experiment folders under --from (job-a/node1__testorg-tiny-poc-1b, job-b/node1__testorg-tiny-poc-1b)", row.Error);
    }

    [Fact]
    public async Task Rows_FoldersThatAreNoPairFolders_AreNotMergedAndNothingIsFound()
    {
        // Given: experiment folders of other jobs (not named <node>__<model>), as under / or a shared runner's home
        var report = await PassingReportAsync();
        WritePair("mlnode_validate_testorg-tiny-poc-1b_2026-11-30_120000", report);
        WritePair(Path.Combine("tmp", "someone-else"), report);

        // When / Then: one ERROR line, no rows
        var error = Assert.Throws<InputException>(() => FleetMerge.Rows(_from.Path, null, false, new SecretRedactor()));
        Assert.Contains("holds no pair folder of a fleet", error.Message);
    }

    [Fact]
    public async Task Rows_ReportThatIsAFifo_ErrorRowAtOnceNeverABlockingRead()
    {
        // Given: a pair folder whose validate_report.json is a named pipe nobody writes to
        var folder = Path.Combine(_from.Path, "node1__testorg-tiny-poc-1b");
        Directory.CreateDirectory(folder);
        using (var mkfifo = Process.Start("mkfifo", Path.Combine(folder, ExperimentDirectory.ReportFile)))
        {
            await mkfifo.WaitForExitAsync();
            Assert.SkipUnless(mkfifo.ExitCode == 0, "mkfifo is not available here");
        }

        try
        {
            // When: the merge runs (bounded, so a regression fails instead of hanging the suite)
            var merging = Task.Run(() => FleetMerge.Rows(_from.Path, null, false, new SecretRedactor()));
            var finished = await Task.WhenAny(merging, Task.Delay(TimeSpan.FromSeconds(20)));

            // Then
            Assert.Same(merging, finished);
            var row = Assert.Single(await merging);
            Assert.Equal(FleetStatus.Error, row.Status);
            Assert.Contains("is a FIFO (named pipe), not a regular file", row.Error);
        }
        finally
        {
            // The folder's own checks on disposal read every report: the pipe must be gone by then.
            File.Delete(Path.Combine(folder, ExperimentDirectory.ReportFile));
        }
    }

    public void Dispose() => _from.Dispose();

    private static async Task<JObject> PassingReportAsync()
    {
        await using var harness = await RunHarness.StartAsync();
        harness.WriteReference();
        var result = await harness.RunAsync(("skip-throughput", string.Empty), ("fleet-node", "node1"));
        Assert.Equal("PASS", (string?)result.Report["verdict"]);
        return result.Report;
    }

    private void WritePair(string relative, JObject report)
    {
        var folder = Path.Combine(_from.Path, relative);
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, ExperimentDirectory.ReportFile), report.ToString());
    }
}
