using Cake.Common.Build.GitHubActions;
using MlNode.Tasks.Common;
using MlNode.Tasks.Running;

namespace MlNode.Tasks.Ci;

/// <summary>GitHub Actions: phase groups, a job summary, step outputs and an error annotation, through Cake's provider.</summary>
internal sealed class GitHubActionsReporter(IGitHubActionsProvider gitHub) : IPipelineReporter
{
    /// <inheritdoc />
    public string Name => "GitHub Actions";

    /// <inheritdoc />
    public IDisposable Group(string title)
    {
        gitHub.Commands.StartGroup(title);
        return new Closing(gitHub.Commands.EndGroup);
    }

    /// <inheritdoc />
    public void Publish(RunOutcome outcome)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        gitHub.Commands.SetStepSummary(MarkdownSummary.Render(outcome));
        foreach (var (key, value) in StepOutputs.Of(outcome))
        {
            gitHub.Commands.SetOutputParameter(key, value);
        }
    }

    /// <inheritdoc />
    public void PublishFleet(Fleet.FleetRun run)
    {
        ArgumentNullException.ThrowIfNull(run);
        gitHub.Commands.SetStepSummary(FleetSummary.Render(run));
        foreach (var (key, value) in FleetSummary.Outputs(run))
        {
            gitHub.Commands.SetOutputParameter(key, value);
        }
    }

    /// <inheritdoc />
    public void PublishCrossCheck(CrossCheck.CrossCheckRun run)
    {
        ArgumentNullException.ThrowIfNull(run);
        gitHub.Commands.SetStepSummary(CrossCheckSummary.Render(run));
        foreach (var (key, value) in CrossCheckSummary.Outputs(run))
        {
            gitHub.Commands.SetOutputParameter(key, value);
        }
    }

    /// <inheritdoc />
    public void Error(string message) => gitHub.Commands.Error(StepOutputs.SingleLine(message));
}
