using MlNode.Tasks.Ci;

namespace MlNode.Tasks.Live;

/// <summary>
/// Whether a run shows the live view: only on an interactive terminal, outside CI, for human output. Everywhere else
/// (a pipe, a file, CI logs, --output=json, a dry run) the plain lines stay exactly as they are.
/// </summary>
internal static class LiveMode
{
    /// <summary>True when standard output is a terminal a person watches.</summary>
    public static bool Wanted(IPipelineReporter pipeline, bool json, bool dryRun) =>
        !json && !dryRun && pipeline is NoPipeline && !Console.IsOutputRedirected &&
        string.IsNullOrEmpty(Environment.GetEnvironmentVariable("CI")) &&
        !string.Equals(Environment.GetEnvironmentVariable("TERM"), "dumb", StringComparison.Ordinal);
}
