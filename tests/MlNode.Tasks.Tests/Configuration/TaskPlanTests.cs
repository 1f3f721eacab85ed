using MlNode.Tasks.Configuration;
using MlNode.Tasks.Tests.Support;

namespace MlNode.Tasks.Tests.Configuration;

public sealed class TaskPlanTests
{
    [Fact]
    public void Decide_TaskInPlan_RunsUnlessItsSkipFlagIsSet()
    {
        var plan = TestGraph.Plan("Report");

        Assert.Equal(PhaseDecision.Run, plan.Decide(Phase.Download, skipFlag: false));
        Assert.Equal(PhaseDecision.Skip("--skip-throughput"), plan.Decide(Phase.Throughput, skipFlag: true));
    }

    [Fact]
    public void Decide_UpstreamTaskMissingFromPlan_IsSkippedByExclusive()
    {
        var plan = TestGraph.Plan("Validate", exclusive: true);

        Assert.Equal(PhaseDecision.Skip("--exclusive runs only Validate"), plan.Decide(Phase.Deploy, skipFlag: false));
    }

    [Fact]
    public void Decide_DownstreamTask_IsNotPartOfTheTarget()
    {
        var plan = TestGraph.Plan("Deploy");

        Assert.Equal(PhaseDecision.Skip("not part of --target=Deploy"), plan.Decide(Phase.Validate, skipFlag: false));
    }

    [Fact]
    public void Decide_BakeReferenceExclusive_SkipsItsDeployAsExclusive()
    {
        var plan = TestGraph.Plan("BakeReference", exclusive: true);

        Assert.Equal(PhaseDecision.Skip("--exclusive runs only BakeReference"), plan.Decide(Phase.Deploy, skipFlag: false));
        Assert.Equal(PhaseDecision.Skip("not part of --target=BakeReference"), plan.Decide(Phase.Throughput, skipFlag: false));
    }

    [Fact]
    public void Plan_GraphDeclaredDifferently_GivesADifferentPlan()
    {
        // Given: a script whose Validate depends on Deploy directly (no throughput measurement on the way).
        var graph = TestGraph.Of([("Download", []), ("Deploy", ["Download"]), ("Throughput", ["Deploy"]), ("Validate", ["Deploy"])]);

        // When
        var plan = graph.Plan("Validate", exclusive: false);

        // Then
        Assert.Equal(["Deploy", "Download", "Validate"], plan.TaskNames.Order(StringComparer.Ordinal));
        Assert.Equal(PhaseDecision.Skip("not part of --target=Validate"), plan.Decide(Phase.Throughput, skipFlag: false));
        Assert.Equal(PhaseDecision.Run, TestGraph.Plan("Validate").Decide(Phase.Throughput, skipFlag: false));
    }

    [Fact]
    public void Plan_TaskDeclaredAsDependeeOfAPhase_RunsBeforeItAsCakeRunsIt()
    {
        // Given: a script that hooks a task in with IsDependeeOf and an optional dependency that does not exist.
        var check = new global::Cake.Core.CakeTask("CheckQuota");
        check.Dependees.Add(new global::Cake.Core.CakeTaskDependency("Deploy", required: true));
        var validate = TestGraph.Task("Validate", "Deploy");
        validate.Dependencies.Add(new global::Cake.Core.CakeTaskDependency("NotDeclared", required: false));
        var graph = new TaskGraph([TestGraph.Task("Download"), TestGraph.Task("Deploy", "Download"), check, validate]);

        // When
        var plan = graph.Plan("Validate", exclusive: false);

        // Then: the dependee is planned (Cake runs it), the optional missing one is not.
        Assert.True(plan.Includes("CheckQuota"));
        Assert.False(plan.Includes("NotDeclared"));
        Assert.Equal(PhaseDecision.Run, plan.Decide(Phase.Deploy, skipFlag: false));
    }

    [Theory]
    [InlineData("Help", false)]
    [InlineData("CheckReferences", false)]
    [InlineData("Download", true)]
    [InlineData("BakeReference", true)]
    public void NeedsNode_OnlyForTasksThatTalkToAnMlNode(string task, bool expected)
    {
        Assert.Equal(expected, TestGraph.Plan(task, exclusive: true).NeedsNode);
    }
}
