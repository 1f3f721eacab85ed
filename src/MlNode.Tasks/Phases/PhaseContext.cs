using MlNode.Tasks.Client;
using MlNode.Tasks.Common;
using MlNode.Tasks.Configuration;


namespace MlNode.Tasks.Phases;

/// <summary>What every phase works with: the client, the settings, the log, the clock and the interrupt signal.</summary>
/// <param name="Client">The MLNode client.</param>
/// <param name="Target">The node, model, deploy config and timing.</param>
/// <param name="Log">Where progress lines go.</param>
/// <param name="Time">The clock.</param>
/// <param name="Interrupt">Fires on Ctrl-C / SIGTERM.</param>
/// <param name="Deployed">What earlier runs of this invocation deployed, or null.</param>
internal sealed record PhaseContext(MlNodeClient Client, NodeSettings Target, IRunLog Log, TimeProvider Time, CancellationToken Interrupt, DeployMemory? Deployed = null)
{
    /// <summary>Gets the status polling schedule.</summary>
    public PollSchedule Polling => new(
        Target.Timing.PollIntervalMin.Value,
        Target.Timing.PollIntervalMax.Value);

    /// <summary>Gets the interval between progress lines.</summary>
    public TimeSpan ProgressInterval => Target.Timing.ProgressInterval.Value;
}
