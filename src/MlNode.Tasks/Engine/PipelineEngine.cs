using System.Collections.Concurrent;
using MlNode.Tasks.Common;
using MlNode.Tasks.Configuration;
using MlNode.Tasks.Phases;
using MlNode.Tasks.References;
using MlNode.Tasks.Reports;
using MlNode.Tasks.Running;

namespace MlNode.Tasks.Engine;

/// <summary>
/// Runs validation pipelines side by side in one process. What the pipelines share is only what is truly
/// shared: the output (each line written whole, labelled with its pipeline), the clock, the process's interrupt
/// signal, the secrets registry, the loaded references and the memory of what this invocation deployed, node by
/// node. Everything a pipeline mutates (its report, its experiment folder, its client, its cancellation) is its own. Two pipelines on the same node never
/// run at once: they would share its GPUs and redeploy each other's vLLM.
/// </summary>
internal sealed class PipelineEngine
{
    private readonly IRunLog _log;
    private readonly TimeProvider _time;
    private readonly CancellationToken _interrupt;
    private readonly HttpMessageHandler? _handler;
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _nodes = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, RunReport> _runs = new(StringComparer.Ordinal);

    /// <summary>Creates an engine.</summary>
    /// <param name="log">The shared output.</param>
    /// <param name="redactor">The invocation's secrets registry, which every pipeline's settings were resolved with.</param>
    /// <param name="time">The clock.</param>
    /// <param name="interrupt">The process's Ctrl-C / SIGTERM signal; it ends every pipeline.</param>
    /// <param name="handler">An HTTP handler to use instead of the network stack (tests), or null.</param>
    public PipelineEngine(IRunLog log, SecretRedactor redactor, TimeProvider? time = null, CancellationToken interrupt = default, HttpMessageHandler? handler = null)
    {
        ArgumentNullException.ThrowIfNull(log);
        ArgumentNullException.ThrowIfNull(redactor);
        _log = log;
        Redactor = redactor;
        _time = time ?? TimeProvider.System;
        _interrupt = interrupt;
        _handler = handler;
    }

    /// <summary>Gets the invocation's secrets registry: every pipeline's outputs and the fleet's own files go through it.</summary>
    public SecretRedactor Redactor { get; }

    /// <summary>Gets the references this invocation loaded: its settings resolvers read them here, its runs take their artifacts.</summary>
    public ReferenceCache References { get; } = new();

    /// <summary>Gets what this invocation deployed, node by node.</summary>
    public DeployMemory Deployed { get; } = new();

    /// <summary>Gets every run this engine started, by label, running or finished (what a live view shows).</summary>
    public IReadOnlyDictionary<string, RunReport> Runs => _runs;

    /// <summary>Gets the planned pair count and the pairs that ended without a run (a multi-node target fills it).</summary>
    public SettledPairs Settled { get; } = new();

    /// <summary>The environment of one pipeline: the engine's clock, deploy memory and references, and its own cancellation.</summary>
    /// <param name="cancel">Ends this pipeline alone (the engine's interrupt ends it too).</param>
    public RunEnvironment Environment(CancellationToken cancel) => new(_time, cancel, Redactor, _handler, Deployed, References);

    /// <summary>The log of one pipeline: the shared output, labelled when a label is given.</summary>
    public IRunLog LogFor(string? label) => label is null ? _log : new LabelledRunLog(_log, label);

    /// <summary>
    /// Starts one pipeline (claims its folder, prints its inputs) without running a phase: the caller drives the
    /// phases, as the Cake tasks do. Dispose the run when done.
    /// </summary>
    public ValidationRun Start(RunSettings settings, string? label = null, CancellationToken cancel = default)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var run = ValidationRun.Start(settings, LogFor(label), Environment(Linked(cancel)));
        _runs[label ?? settings.Model.Value] = run.Report;
        return run;
    }

    /// <summary>Runs one whole pipeline (every phase the settings plan), holding its node for the duration.</summary>
    /// <param name="settings">The run's settings.</param>
    /// <param name="label">The prefix of its log lines, or null.</param>
    /// <param name="cancel">Ends this pipeline alone (the engine's interrupt ends it too).</param>
    /// <param name="printSummary">Whether to print the run's summary at its end (a fleet prints one line per pair instead).</param>
    /// <returns>How it ended, with its exit code.</returns>
    public async Task<RunOutcome> RunAsync(RunSettings settings, string? label = null, CancellationToken cancel = default, bool printSummary = true)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var node = _nodes.GetOrAdd(settings.Node.Identity, _ => new SemaphoreSlim(1, 1));
        await node.WaitAsync(CancellationToken.None).ConfigureAwait(false);
        try
        {
            var log = LogFor(label);
            using var linked = cancel.CanBeCanceled ? CancellationTokenSource.CreateLinkedTokenSource(_interrupt, cancel) : null;
            using var run = ValidationRun.Start(settings, log, Environment(linked?.Token ?? _interrupt));
            _runs[label ?? settings.Model.Value] = run.Report;
            var outcome = await run.RunAllAsync().ConfigureAwait(false);
            if (printSummary)
            {
                run.Complete(null, log);
            }

            return outcome;
        }
        finally
        {
            node.Release();
        }
    }

    // Cancelling one pipeline must not cancel the others: each gets a token of its own that the interrupt also fires.
    private CancellationToken Linked(CancellationToken cancel) =>
        cancel.CanBeCanceled ? CancellationTokenSource.CreateLinkedTokenSource(_interrupt, cancel).Token : _interrupt;
}
