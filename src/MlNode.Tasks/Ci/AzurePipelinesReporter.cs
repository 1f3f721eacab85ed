using Cake.Common.Build.AzurePipelines;
using Cake.Common.Build.AzurePipelines.Data;
using FilePath = Cake.Core.IO.FilePath;
using MlNode.Tasks.Common;
using MlNode.Tasks.Reports;
using MlNode.Tasks.Running;

namespace MlNode.Tasks.Ci;

/// <summary>Azure Pipelines: log groups, the JUnit file published as test results, output variables and a task summary.</summary>
internal sealed class AzurePipelinesReporter(IAzurePipelinesProvider azure) : IPipelineReporter
{
    /// <inheritdoc />
    public string Name => "Azure Pipelines";

    /// <inheritdoc />
    public IDisposable Group(string title)
    {
        azure.Commands.BeginGroup(title);
        return new Closing(azure.Commands.EndGroup);
    }

    /// <inheritdoc />
    public void Publish(RunOutcome outcome)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        var junit = Path.Combine(outcome.ExperimentDirectory, ExperimentDirectory.JUnitFile);
        azure.Commands.PublishTestResults(new FilePath(junit), new AzurePipelinesPublishTestResultsData
        {
            TestRunner = AzurePipelinesTestRunnerType.JUnit,
            TestRunTitle = $"MLNode validation {outcome.Report.Settings.Model}",
        });
        var summary = Path.Combine(outcome.ExperimentDirectory, "validate_summary.md");
        AtomicFile.WriteAllText(summary, MarkdownSummary.Render(outcome));
        azure.Commands.UploadTaskSummary(new FilePath(summary));
        foreach (var (key, value) in StepOutputs.Of(outcome))
        {
            azure.Commands.SetOutputVariable(key, value);
        }
    }

    /// <inheritdoc />
    public void Error(string message) => azure.Commands.WriteError(StepOutputs.SingleLine(message));
}
