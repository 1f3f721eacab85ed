using MlNode.Tasks.Configuration;
using MlNode.Tasks.Documents;
using MlNode.Tasks.Gates;

namespace MlNode.Tasks.Tests.Gates;

/// <summary>Compare on two in-memory reports: what differs between two runs, said in words.</summary>
public sealed class RunComparisonTests
{
    private static BaselineRun Run(string path, NodeIdentityInfo? node) =>
        new(path, new ValidateReport { MlnodeUrl = "http://10.0.0.5:8080", Model = "Org/M", Verdict = "PASS", ExitCode = 0, StartedAt = "2026-12-01T10:00:00Z", Node = node });

    [Fact]
    public void Render_NodeUpgradedBetweenTheRuns_TheSoftwareRowDiffersAndTheDifferencesSayIt()
    {
        // Given: the same node before and after an upgrade to the image with the first-in-batch fix
        var before = Run("a/validate_report.json", new NodeIdentityInfo { MlnodeVersion = "3.0.17", PocPluginVersion = "0.1.5", State = "INFERENCE" });
        var after = Run("b/validate_report.json", new NodeIdentityInfo { MlnodeVersion = "3.1.0", PocPluginVersion = "0.1.6", State = "STOPPED" });

        // When
        var text = RunComparison.Render(before, after);

        // Then
        Assert.Contains("node software: differs", text);
        Assert.Contains("MLNode 3.0.17, gonka-poc 0.1.5", text);
        Assert.Contains("MLNode 3.1.0, gonka-poc 0.1.6", text);
    }

    [Fact]
    public void Render_SameSoftwareInAnotherState_IsNotADifference()
    {
        var text = RunComparison.Render(
            Run("a", new NodeIdentityInfo { MlnodeVersion = "3.1.0", PocPluginVersion = "0.1.6", State = "INFERENCE" }),
            Run("b", new NodeIdentityInfo { MlnodeVersion = "3.1.0", PocPluginVersion = "0.1.6", State = "STOPPED" }));

        Assert.DoesNotContain("node software: differs", text);
    }

    [Fact]
    public void Render_RunsOfAnOlderToolWithoutIdentity_SayNotRecordedAndNoDifference()
    {
        var text = RunComparison.Render(Run("a", null), Run("b", new NodeIdentityInfo { MlnodeVersion = "3.1.0" }));

        Assert.Contains("not recorded", text);
        Assert.DoesNotContain("node software: differs", text);
    }

    [Fact]
    public void Render_TwoRunsThatDifferOnlyByNoise_SayNoDifferencesAndShowTheGates()
    {
        // Given: the same node twice; its ~0 s phases differ by +105 % and its gate line is the same
        static BaselineRun Of(string path, double download) => new(path, new ValidateReport
        {
            MlnodeUrl = "http://10.0.0.5:8080",
            Model = "Org/M",
            Verdict = "PASS",
            ExitCode = 0,
            Gate = "gate: PASS (min-throughput 10 n/s)",
            Phases = new Dictionary<string, PhaseEntry> { ["download"] = new() { State = "completed", ElapsedS = download } },
        });

        // When
        var text = RunComparison.Render(Of("a", 0.02), Of("b", 0.041));

        // Then
        Assert.Matches(@"download phase\s+completed 0\.0s\s+completed 0\.0s\s+within noise", text);
        Assert.Matches(@"gate\s+gate: PASS \(min-throughput 10 n/s\)\s+gate: PASS \(min-throughput 10 n/s\)\s+same", text);
        Assert.Contains("differences: none", text);
        Assert.DoesNotContain("+105", text);
    }
}
