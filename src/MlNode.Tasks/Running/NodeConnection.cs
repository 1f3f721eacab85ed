using MlNode.Tasks.Client;
using MlNode.Tasks.Common;
using MlNode.Tasks.Configuration;
using MlNode.Tasks.Phases;
using MlNode.Tasks.Reports;

namespace MlNode.Tasks.Running;

/// <summary>
/// One job's line to its node, shared by validation runs and bakes: the client with its resilience pipelines, the
/// phases' context, and whether this job has seen vLLM serving (it deployed it, or checked before relying on it).
/// </summary>
internal sealed class NodeConnection : IDisposable
{
    private readonly MlNodeClient _client;
    private bool _vllmVerified;

    public NodeConnection(NodeSettings target, IRunLog log, RunEnvironment environment)
    {
        var pipelines = ResiliencePipelines.From(target.Timing, log.Line, environment.Time);
        _client = new MlNodeClient(target.Node, pipelines, environment.Redactor, environment.Time, environment.Handler);
        Context = new PhaseContext(_client, target, log, environment.Time, environment.Interrupt, environment.Deployed);
    }

    /// <summary>Gets what the phases work with.</summary>
    public PhaseContext Context { get; }

    /// <summary>[2/4] deploy; afterwards vLLM is known to serve the model.</summary>
    public async Task DeployAsync(DeploySection section)
    {
        await DeployPhase.RunAsync(Context, section).ConfigureAwait(false);
        _vllmVerified = true;
    }

    /// <summary>
    /// Before a phase relies on vLLM: when this job did not deploy it, checks once that the node serves the model
    /// (the reference tool's rule), and fails clearly otherwise.
    /// </summary>
    /// <param name="section">Where the check is recorded.</param>
    /// <param name="why">Why deploy did not run, for the message.</param>
    public async Task EnsureVllmAsync(DeploySection section, string why)
    {
        if (_vllmVerified)
        {
            return;
        }

        await DeployPhase.EnsureRunningAsync(Context, section, why).ConfigureAwait(false);
        _vllmVerified = true;
    }

    public void Dispose() => _client.Dispose();
}
