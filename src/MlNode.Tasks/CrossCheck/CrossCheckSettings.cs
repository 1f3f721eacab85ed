using MlNode.Tasks.Configuration;
using MlNode.Tasks.Fleet;

namespace MlNode.Tasks.CrossCheck;

/// <summary>A cross-check's own settings, resolved once; each node's run settings come from the same resolver as a run's.</summary>
internal sealed record CrossCheckSettings
{
    /// <summary>Gets what every multi-node target shares (node source and filters, safety, timings, experiments root).</summary>
    public required FleetSettings Fleet { get; init; }

    /// <summary>Gets the ad-hoc nodes of --mlnode-urls, or null when the fleet's source lists them.</summary>
    public IReadOnlyList<string>? MlNodeUrls { get; init; }

    /// <summary>Gets the model of the ad-hoc nodes (--model), or null.</summary>
    public string? Model { get; init; }

    /// <summary>Gets how many nonces (0..N-1) every node generates.</summary>
    public required Resolved<int> NumNonces { get; init; }

    /// <summary>Gets whether every node is taken (--cross=all) rather than one per hardware class.</summary>
    public bool AllNodes { get; init; }

    /// <summary>Gets the batch every node computes with, or null: each node's own default, as on chain.</summary>
    public Resolved<int>? BatchSize { get; init; }

    /// <summary>Gets where the nodes come from, for reports.</summary>
    public string SourceKind => MlNodeUrls is null ? Fleet.SourceKind : CrossCheckSettingsResolver.AdHocKind;

    /// <summary>Gets the --mlnode-urls as reports show them (credentials masked when resolved), or null.</summary>
    public string? MlNodeUrlsDisplay { get; init; }

    /// <summary>Gets the source's location, for reports (credentials masked).</summary>
    public string SourceDisplay => MlNodeUrlsDisplay ?? Fleet.SourceDisplay;

    /// <summary>
    /// The longest a cross-check of <paramref name="nodes"/> nodes can take: a download and a deploy, one generation
    /// and a validation per other source (the nodes' and the golden's), each at most a validation timeout.
    /// </summary>
    public TimeSpan WorstCase(int nodes)
    {
        var t = Fleet.Timing;
        var phases = Fleet.Phases;
        var deploy = (phases[Phase.Download].Runs ? t.DownloadTimeout.Value : TimeSpan.Zero) + (phases[Phase.Deploy].Runs ? t.DeployTimeout.Value : TimeSpan.Zero);
        return deploy + ((nodes + 1) * t.ValidationTimeout.Value);
    }
}
