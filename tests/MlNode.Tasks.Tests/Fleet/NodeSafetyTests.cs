using MlNode.Tasks.Common;
using MlNode.Tasks.Fleet.Documents;
using MlNode.Tasks.Fleet.Safety;

namespace MlNode.Tasks.Tests.Fleet;

public sealed class NodeSafetyTests
{
    private const string Idle = """{"intended_status":"STOPPED","current_status":"STOPPED","poc_current_status":"IDLE","poc_intended_status":"IDLE","lock_count":0,"admin_state":{"enabled":false,"epoch":3},"epoch_models":{},"epoch_ml_nodes":{},"preserved_models":null,"reconcile_info":null}""";

    [Theory]
    [InlineData("epoch_ml_nodes", """{"Qwen/Qwen3-32B-FP8":{"poc_weight":10}}""", "assigned in the current epoch")]
    [InlineData("preserved_models", """["Qwen/Qwen3-32B-FP8"]""", "preserved for inference service")]
    [InlineData("lock_count", "3", "serving inference requests (lock_count=3)")]
    [InlineData("reconcile_info", """{"attempt":1}""", "reconciling")]
    [InlineData("current_status", "\"POC\"", "participating in PoC")]
    [InlineData("intended_status", "\"POC\"", "participating in PoC")]
    public void RefusalReason_StateInUse_RefusesWithTheRule(string field, string value, string expected)
    {
        // Given an idle node's state with one field showing use
        var state = Parse(Idle.Replace($"\"{field}\":", $"\"{field}\":{value},\"was_{field}\":", StringComparison.Ordinal));

        // When the safety rules read it
        var reason = NodeSafety.RefusalReason(state);

        // Then it is refused for that reason, with the way out
        Assert.NotNull(reason);
        Assert.Contains(expected, reason);
        Assert.Contains("disable", reason);
    }

    [Fact]
    public void RefusalReason_RoutableForInference_Refused()
    {
        var state = Parse("""{"intended_status":"INFERENCE","current_status":"INFERENCE","lock_count":0,"admin_state":{"enabled":true},"epoch_models":{"m/x":{}},"epoch_ml_nodes":{}}""");

        Assert.Contains("routable for inference", NodeSafety.RefusalReason(state));
    }

    [Theory]
    [InlineData(Idle)]
    [InlineData("""{"intended_status":"INFERENCE","current_status":"INFERENCE","admin_state":{"enabled":false},"epoch_models":{"m/x":{}}}""")]
    [InlineData("""{"intended_status":"INFERENCE","current_status":"INFERENCE","admin_state":{"enabled":true},"epoch_models":{}}""")]
    public void RefusalReason_IdleOrNotRoutable_Allowed(string json) => Assert.Null(NodeSafety.RefusalReason(Parse(json)));

    [Fact]
    public void RefusalReason_NoState_RefusedBecauseNothingShowsItIdle() =>
        Assert.Contains("no state", NodeSafety.RefusalReason(null));

    private static NodeState Parse(string json) => DocumentJson.Deserialize<NodeState>(json);
}
