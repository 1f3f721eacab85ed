using Cake.Common.Build;
using Cake.Core;

namespace MlNode.Tasks.Ci;

/// <summary>Finds the CI system a Cake run is under, the way Cake detects it (its build-system providers).</summary>
internal static class PipelineDetection
{
    /// <summary>The reporter for the current CI system, or <see cref="NoPipeline"/>.</summary>
    public static IPipelineReporter Detect(ICakeContext context, TextWriter console)
    {
        ArgumentNullException.ThrowIfNull(context);
        var build = context.BuildSystem();
        return build.IsRunningOnGitHubActions ? new GitHubActionsReporter(build.GitHubActions)
            : build.IsRunningOnAzurePipelines ? new AzurePipelinesReporter(build.AzurePipelines)
            : build.IsRunningOnTeamCity ? new TeamCityReporter(build.TeamCity)
            : build.IsRunningOnGitLabCI ? new GitLabCiReporter(console, TimeProvider.System)
            : NoPipeline.Instance;
    }
}
