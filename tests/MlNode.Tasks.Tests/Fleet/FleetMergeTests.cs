using System.Diagnostics;
using MlNode.Tasks.Common;
using MlNode.Tasks.Fleet;
using MlNode.Tasks.Reports;
using MlNode.Tasks.Tests.Support;
using Newtonsoft.Json.Linq;

namespace MlNode.Tasks.Tests.Fleet;

/// <summary>FleetReport's merge reads folders anybody may have put under --from: it believes only what holds together.</summary>
public sealed class FleetMergeTests : IDisposable
{
    private readonly TempDirectory _from = new();

    [Theory]
    [InlineData("error-exit-0", "verdict ERROR but exit_code 0")]
    [InlineData("failed-pass", "verdict PASS but status 'failed'")]
    [InlineData("pass-fraud", "verdict PASS but validation.response.fraud_detected true")]
    [InlineData("made-up-verdict", "verdict 'GREAT' is not one this tool writes")]
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
