using MlNode.Tasks.Ci;
using MlNode.Tasks.Common;
using MlNode.Tasks.Fleet;

namespace MlNode.Tasks.Tests.Fleet;

/// <summary>
/// The fleet's plain-text sinks (fleet_report.txt, the console table, the GitHub job summary) given outside text that
/// tries to forge a row or a CI command: every pair stays one line and no command reaches a line.
/// </summary>
public sealed class FleetTextSinksTests
{
    private const string Forger = "evil\r  PASS  ";
    private const string Commands = "boom\n::error::forged\n##vso[task.setvariable variable=x]1 ##teamcity[buildStatus text='x'] \u001b]8;;http://x\u0007";

    [Fact]
    public void FleetTable_NodeIdWithCarriageReturnAndDetailWithCommands_EachPairOneLineNothingForged()
    {
        // Given: a dishonest node whose id would redraw its FAIL row as PASS on a terminal, and a node error with CI commands
        var run = Run(Row(Forger, FleetStatus.Fail, ExitCodes.Fraud, null), Row("node2", FleetStatus.Error, ExitCodes.Error, Commands));

        // When
        var table = FleetTable.Render(run);

        // Then: no raw control character, one line per pair, no line a CI system reads as a command
        AssertSafe(table);
        Assert.Matches(@"FAIL +evil\\r  PASS", table);
        Assert.Single(table.Split('\n'), l => l.Contains("evil", StringComparison.Ordinal));
        Assert.Single(table.Split('\n'), l => l.Contains("boom", StringComparison.Ordinal));
    }

    [Fact]
    public void FleetSummary_SameText_OneTableRowPerPairNoCommand()
    {
        var run = Run(Row(Forger, FleetStatus.Fail, ExitCodes.Fraud, null), Row("node`2|x", FleetStatus.Error, ExitCodes.Error, Commands));

        var markdown = FleetSummary.Render(run);

        AssertSafe(markdown);
        Assert.Equal(2, markdown.Split('\n').Count(l => l.StartsWith("| FAIL", StringComparison.Ordinal) || l.StartsWith("| ERROR", StringComparison.Ordinal)));
        Assert.Contains("`node'2\\|x`", markdown);
    }

    internal static void AssertSafe(string text)
    {
        Assert.DoesNotContain(text, c => char.IsControl(c) && c != '\n');
        foreach (var line in text.Split('\n'))
        {
            Assert.DoesNotMatch(@"^\s*::", line);
            Assert.DoesNotContain("##vso[", line);
            Assert.DoesNotContain("##teamcity[", line);
        }
    }

    private static FleetRun Run(params FleetRow[] rows) => new()
    {
        Directory = "/tmp/fleet",
        SourceKind = "admin-api",
        SourceDisplay = "http://127.0.0.1:9200",
        Result = new FleetResult(rows, refusedOk: false),
        StartedAt = DateTimeOffset.UnixEpoch,
        FinishedAt = DateTimeOffset.UnixEpoch.AddSeconds(3),
    };

    private static FleetRow Row(string node, FleetStatus status, int exitCode, string? error) => new()
    {
        NodeId = node,
        MlNodeUrl = "http://127.0.0.1:1",
        Model = "Org/M",
        Status = status,
        ExitCode = exitCode,
        Error = error,
        NMismatch = status == FleetStatus.Fail ? 32 : null,
        NTotal = status == FleetStatus.Fail ? 32 : null,
    };
}
