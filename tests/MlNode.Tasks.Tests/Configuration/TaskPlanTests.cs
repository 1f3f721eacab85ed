using MlNode.Tasks.Configuration;

namespace MlNode.Tasks.Tests.Configuration;

public sealed class TaskPlanTests
{
    [Fact]
    public void Decide_TaskInPlan_RunsUnlessItsSkipFlagIsSet()
    {
        var plan = new TaskPlan("Report", ["Download", "Deploy", "Throughput", "Validate", "Report"]);

        Assert.Equal(PhaseDecision.Run, plan.Decide(Phase.Download, skipFlag: false));
        Assert.Equal(PhaseDecision.Skip("--skip-throughput"), plan.Decide(Phase.Throughput, skipFlag: true));
    }

    [Fact]
    public void Decide_UpstreamTaskMissingFromPlan_IsSkippedByExclusive()
    {
        var plan = new TaskPlan("Validate", ["Validate"]);

        Assert.Equal(PhaseDecision.Skip("--exclusive runs only Validate"), plan.Decide(Phase.Deploy, skipFlag: false));
    }

    [Fact]
    public void Decide_DownstreamTask_IsNotPartOfTheTarget()
    {
        var plan = new TaskPlan("Deploy", ["Download", "Deploy"]);

        Assert.Equal(PhaseDecision.Skip("not part of --target=Deploy"), plan.Decide(Phase.Validate, skipFlag: false));
    }

    [Fact]
    public void Decide_BakeReferenceExclusive_SkipsItsDeployAsExclusive()
    {
        var plan = new TaskPlan("BakeReference", ["BakeReference"]);

        Assert.Equal(PhaseDecision.Skip("--exclusive runs only BakeReference"), plan.Decide(Phase.Deploy, skipFlag: false));
    }

    [Theory]
    [InlineData("Help", false)]
    [InlineData("CheckReferences", false)]
    [InlineData("Download", true)]
    [InlineData("BakeReference", true)]
    public void NeedsNode_OnlyForTasksThatTalkToAnMlNode(string task, bool expected)
    {
        Assert.Equal(expected, new TaskPlan(task, [task]).NeedsNode);
    }
}
