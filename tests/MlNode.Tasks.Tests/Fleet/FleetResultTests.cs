using MlNode.Tasks.Common;
using MlNode.Tasks.Fleet;
using MlNode.Tasks.Judging;

namespace MlNode.Tasks.Tests.Fleet;

public sealed class FleetResultTests
{
    [Theory]
    [InlineData(new[] { "pass", "pass" }, false, ExitCodes.Pass)]
    [InlineData(new[] { "pass", "gate" }, false, ExitCodes.Gate)]
    [InlineData(new[] { "gate", "error" }, false, ExitCodes.Error)]
    [InlineData(new[] { "error", "fail", "refused" }, false, ExitCodes.Fraud)]
    [InlineData(new[] { "pass", "refused" }, false, ExitCodes.Error)]
    [InlineData(new[] { "pass", "refused" }, true, ExitCodes.Pass)]
    [InlineData(new[] { "fail", "interrupted" }, false, ExitCodes.Interrupted)]
    public void ExitCode_RowsEndedSo_FraudBeatsErrorsBeatsGates(string[] endings, bool refusedOk, int expected) =>
        Assert.Equal(expected, new FleetResult(endings.Select((e, i) => Row($"n{i}", e)), refusedOk).ExitCode);

    [Theory]
    [InlineData(new[] { "fail", "error" }, ExitCodes.Fraud)]
    [InlineData(new[] { "error", "gate", "pass" }, ExitCodes.Error)]
    [InlineData(new[] { "gate", "pass" }, ExitCodes.Gate)]
    [InlineData(new[] { "fail", "interrupted", "error" }, ExitCodes.Interrupted)]
    [InlineData(new[] { "pass", "pass" }, ExitCodes.Pass)]
    public void ExitCode_SameOutcomesAsAllReferences_OneRuleForBothPaths(string[] endings, int expected)
    {
        // Given: the same run outcomes, as --all-references records them and as a fleet's rows
        var rows = endings.Select((e, i) => Row($"n{i}", e)).ToList();
        var allReferences = new MlNode.Tasks.Cake.BuildResults();
        foreach (var row in rows)
        {
            allReferences.Record(row.ExitCode);
        }

        // When / Then: both exit with the one rule's code
        Assert.Equal(expected, allReferences.ExitCode);
        Assert.Equal(expected, new FleetResult(rows, refusedOk: false).ExitCode);
    }

    [Fact]
    public void Rows_AnyOrder_WorstFirst()
    {
        var result = new FleetResult([Row("a", "pass"), Row("b", "gate"), Row("c", "refused"), Row("d", "fail"), Row("e", "error")], false);

        Assert.Equal(["d", "e", "c", "b", "a"], result.Rows.Select(r => r.NodeId));
        Assert.Equal(1, result.Counts.GateFailed);
        Assert.Equal(2, result.Counts.Pass);
    }

    [Fact]
    public void Progress_SomeFinished_CountsPerStatus() =>
        Assert.Equal("3/40 done: 1 FAIL, 2 PASS", FleetResult.Progress(3, 40, [Row("a", "pass"), Row("b", "fail"), Row("c", "pass")]));

    private static FleetRow Row(string node, string ending) => new()
    {
        NodeId = node,
        MlNodeUrl = "http://127.0.0.1:1",
        Model = "Org/M",
        Status = ending switch { "fail" => FleetStatus.Fail, "refused" => FleetStatus.Refused, "error" or "interrupted" => FleetStatus.Error, _ => FleetStatus.Pass },
        ExitCode = ending switch { "fail" => ExitCodes.Fraud, "gate" => ExitCodes.Gate, "error" or "refused" => ExitCodes.Error, "interrupted" => ExitCodes.Interrupted, _ => ExitCodes.Pass },
        Judgement = ending switch
        {
            "fail" => new Judgement(Verdict.Fail),
            "gate" => new Judgement(Verdict.Pass) { Gate = GateOutcome.Failed, GateText = "FAIL (min-throughput: 1.00 n/s vs 2.00 n/s)" },
            "pass" => new Judgement(Verdict.Pass),
            "error" => new Judgement(Verdict.Error),
            "interrupted" => new Judgement(Verdict.Interrupted),
            _ => null,
        },
    };
}
