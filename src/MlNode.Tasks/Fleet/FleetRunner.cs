using System.Globalization;
using MlNode.Tasks.Common;
using MlNode.Tasks.Configuration;
using MlNode.Tasks.Engine;
using MlNode.Tasks.References;

namespace MlNode.Tasks.Fleet;

/// <summary>
/// Runs a fleet: decides every pair before any node is touched (refused for safety, no reference, bad input, or its
/// resolved settings), then runs the runnable pairs through the <see cref="PipelineEngine"/>, at most --max-parallel
/// at a time and one at a time per node, with a labelled result line per pair and a progress line at a steady
/// interval. Ctrl-C reaches every running pipeline (each stops its node's generation and writes its partial
/// report); pairs not yet started are not started.
/// </summary>
internal sealed class FleetRunner
{
    private readonly PipelineEngine _engine;
    private readonly IRunLog _log;
    private readonly TimeProvider _time;
    private readonly CancellationToken _interrupt;

    /// <summary>Creates a runner.</summary>
    /// <param name="engine">The engine the pipelines run on.</param>
    /// <param name="log">The shared output.</param>
    /// <param name="time">The clock.</param>
    /// <param name="interrupt">Ctrl-C / SIGTERM.</param>
    public FleetRunner(PipelineEngine engine, IRunLog log, TimeProvider time, CancellationToken interrupt)
    {
        ArgumentNullException.ThrowIfNull(engine);
        ArgumentNullException.ThrowIfNull(log);
        ArgumentNullException.ThrowIfNull(time);
        _engine = engine;
        _log = log;
        _time = time;
        _interrupt = interrupt;
    }

    /// <summary>Decides every pair: a row for those that will not run, settings for those that will.</summary>
    /// <param name="settings">The fleet's settings.</param>
    /// <param name="pairs">Every pair.</param>
    /// <param name="checkState">Whether node state is known and checked (the Admin API, without --ignore-safety).</param>
    /// <param name="sources">The invocation's inputs, each pair's resolved from them.</param>
    /// <param name="fleetDirectory">The fleet folder.</param>
    /// <param name="redactor">The invocation's secrets registry (each pair's settings register their secrets with it).</param>
    /// <param name="references">The invocation's loaded references (the pairs of one model share one, and their runs take it from there).</param>
    /// <param name="pairSources">A pair's inputs from its folder (default: the fleet's, with the pair's node args).</param>
    public static IReadOnlyList<(FleetPair Pair, RunSettings? Settings, FleetRow? Row)> Decide(
        FleetSettings settings, IReadOnlyList<FleetPair> pairs, bool checkState, SettingsSources sources, string fleetDirectory,
        SecretRedactor redactor, ReferenceCache references, Func<FleetPair, string, SettingsSources>? pairSources = null)
    {
        pairSources ??= (pair, directory) => FleetSettingsResolver.PairSources(sources, pair, directory);
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(pairs);
        ArgumentNullException.ThrowIfNull(sources);
        var catalog = RunSettingsResolver.ResolveCatalog(sources, new SettingReader(sources));
        return pairs.Select(pair =>
        {
            var display = Display(pair, redactor);
            if (PairObstacle.Of(pair, checkState) is { } obstacle)
            {
                return (pair, (RunSettings?)null, (FleetRow?)obstacle.Row(pair, display));
            }

            try
            {
                var model = ModelId.Parse(pair.Model);
                if (catalog.Locate(model) is null)
                {
                    throw catalog.Missing(model, sources.RepositoryRoot);
                }

                var directory = Path.Combine(fleetDirectory, pair.FolderName);
                return (pair, RunSettingsResolver.Resolve(pairSources(pair, directory), TaskPlan.AllPhases, null, redactor, references), null);
            }
            catch (InputException ex)
            {
                var failure = Failure.Of(ex);
                return (pair, null, FleetRow.NotRun(pair, display, FleetStatus.Error, failure.Message, failure.ExitCode));
            }
        }).ToList();
    }

    /// <summary>Runs the decided pairs and returns every row.</summary>
    /// <param name="decided">What <see cref="Decide"/> returned.</param>
    /// <param name="settings">The fleet's settings.</param>
    /// <param name="fleetDirectory">The fleet folder (each pair's folder is inside it).</param>
    public async Task<IReadOnlyList<FleetRow>> RunAsync(IReadOnlyList<(FleetPair Pair, RunSettings? Settings, FleetRow? Row)> decided, FleetSettings settings, string fleetDirectory)
    {
        ArgumentNullException.ThrowIfNull(decided);
        ArgumentNullException.ThrowIfNull(settings);
        var finished = new List<FleetRow>(decided.Count);
        _engine.Settled.Expect(decided.Count);
        foreach (var (pair, _, row) in decided)
        {
            if (row is not null)
            {
                finished.Add(row);
                _engine.Settled.Settle(pair.Label, row.Label);
                _log.Line($"[{pair.Label}] {row.StatusText}: {row.Reason}");
            }
        }

        var runnable = decided.Where(d => d.Settings is not null).ToList();
        using var slots = new SemaphoreSlim(settings.MaxParallel.Value, settings.MaxParallel.Value);
        using var done = new CancellationTokenSource();
        var total = decided.Count;
        var progress = ReportProgressAsync(() => Snapshot(finished), total, settings.Timing.ProgressInterval.Value, done.Token);

        // One chain per node runs its pairs one after another, so a pair waiting for its node never holds a slot.
        var chains = runnable.GroupBy(d => d.Pair.Node.Id, StringComparer.Ordinal).Select(async node =>
        {
            foreach (var (pair, runSettings, _) in node)
            {
                var row = await RunPairAsync(pair, runSettings!, slots, fleetDirectory).ConfigureAwait(false);
                lock (finished)
                {
                    finished.Add(row);
                }
            }
        }).ToList();
        await Task.WhenAll(chains).ConfigureAwait(false);
        await done.CancelAsync().ConfigureAwait(false);
        await progress.ConfigureAwait(false);
        _log.Line(FleetResult.Progress(finished.Count, total, finished));
        return Snapshot(finished);
    }

    private async Task<FleetRow> RunPairAsync(FleetPair pair, RunSettings runSettings, SemaphoreSlim slots, string fleetDirectory)
    {
        await slots.WaitAsync(CancellationToken.None).ConfigureAwait(false);
        try
        {
            if (_interrupt.IsCancellationRequested)
            {
                _engine.Settled.Settle(pair.Label, "not started (interrupted)");
                return FleetRow.NotRun(pair, runSettings.Node.Display, FleetStatus.Error, "not started: the fleet run was interrupted", ExitCodes.Interrupted);
            }

            var outcome = await _engine.RunAsync(runSettings, pair.Label, printSummary: false).ConfigureAwait(false);
            var row = FleetRows.FromRun(outcome.Report, pair.Node.Id, fleetDirectory);
            _log.Line($"[{pair.Label}] {Result(row)} -> {row.ExperimentDirectory}");
            return row;
        }
        catch (MlNodeException ex)
        {
            // The pair's folder could not be claimed, or the like: that pair fails, the others go on.
            var failure = Failure.Of(ex);
            var message = _engine.Redactor.Redact(failure.Message);
            _log.Error($"[{pair.Label}] {message}");
            _engine.Settled.Settle(pair.Label, "ERROR");
            return FleetRow.NotRun(pair, runSettings.Node.Display, FleetStatus.Error, message, failure.ExitCode);
        }
        finally
        {
            slots.Release();
        }
    }

    private async Task ReportProgressAsync(Func<IReadOnlyList<FleetRow>> finished, int total, TimeSpan interval, CancellationToken done)
    {
        try
        {
            while (true)
            {
                await Task.Delay(interval, _time, done).ConfigureAwait(false);
                var rows = finished();
                _log.Line("progress: " + FleetResult.Progress(rows.Count, total, rows));
            }
        }
        catch (OperationCanceledException)
        {
            // The fleet is done; the caller prints the last line.
        }
    }

    private static List<FleetRow> Snapshot(List<FleetRow> finished)
    {
        lock (finished)
        {
            return [.. finished];
        }
    }

    private static string Result(FleetRow row)
    {
        var parts = new List<string> { row.Label };
        if (row.Throughput is { } t)
        {
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"{t:0.#} nonces/s"));
        }

        if (row.Judgement?.Brief is { } brief)
        {
            parts.Add(brief);
        }

        if (row.DurationSeconds is { } d)
        {
            parts.Add(Durations.Short(d));
        }

        return string.Join(", ", parts) + (row.Error is null ? string.Empty : ": " + row.Error);
    }

    /// <summary>The pair's MLNode URL as shown: credentials masked.</summary>
    internal static string Display(FleetPair pair, SecretRedactor redactor)
    {
        try
        {
            return NodeEndpoint.Parse(pair.Node.BaseUrl, null, redactor).Display;
        }
        catch (InputException)
        {
            return redactor.Redact(pair.Node.BaseUrl);
        }
    }
}
