using System.Globalization;
using Cake.Common.Build.TeamCity;
using FilePath = Cake.Core.IO.FilePath;
using MlNode.Tasks.Common;
using MlNode.Tasks.Reports;
using MlNode.Tasks.Running;

namespace MlNode.Tasks.Ci;

/// <summary>TeamCity: log blocks, the JUnit file imported as tests, build statistics and parameters, build problems.</summary>
internal sealed class TeamCityReporter(ITeamCityProvider teamCity) : IPipelineReporter
{
    /// <inheritdoc />
    public string Name => "TeamCity";

    /// <inheritdoc />
    public IDisposable Group(string title)
    {
        teamCity.WriteStartBlock(title);
        return new Closing(() => teamCity.WriteEndBlock(title));
    }

    /// <inheritdoc />
    public void Publish(RunOutcome outcome)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        teamCity.ImportData("junit", new FilePath(Path.Combine(outcome.ExperimentDirectory, ExperimentDirectory.JUnitFile)));
        if (outcome.Report.Throughput.Summary is { } throughput)
        {
            teamCity.WriteStatistic("mlnode.throughput.nonces_per_second", throughput.AverageSum.ToString("0.###", CultureInfo.InvariantCulture));
            if (throughput.CounterRate is { } counter)
            {
                teamCity.WriteStatistic("mlnode.throughput.counter_nonces_per_second", counter.ToString("0.###", CultureInfo.InvariantCulture));
            }
        }

        foreach (var (key, value) in StepOutputs.Of(outcome))
        {
            teamCity.SetParameter("mlnode." + key, value);
        }
    }

    /// <inheritdoc />
    public void Error(string message) => teamCity.BuildProblem(StepOutputs.SingleLine(message), "mlnode-validate");
}
