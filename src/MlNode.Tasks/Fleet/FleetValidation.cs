using System.Globalization;
using MlNode.Tasks.Client;
using MlNode.Tasks.Common;
using MlNode.Tasks.Configuration;
using MlNode.Tasks.Engine;
using MlNode.Tasks.Fleet.Documents;
using MlNode.Tasks.Fleet.Safety;
using MlNode.Tasks.Reports;

namespace MlNode.Tasks.Fleet;

/// <summary>
/// The Fleet target: reads the fleet, checks the PoC schedule (before touching any node), claims the fleet folder,
/// decides and runs every pair, and writes the fleet files. Returns the finished run; the caller prints and
/// publishes it.
/// </summary>
internal static class FleetValidation
{
    /// <summary>Reads the fleet from its source.</summary>
    /// <exception cref="InputException">The file or Admin API cannot be read, or does not describe a fleet.</exception>
    public static async Task<FleetInventory> ReadAsync(FleetSettings settings, SecretRedactor redactor, IRunLog log, HttpMessageHandler? handler, CancellationToken interrupt)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(log);
        if (settings.AdminApis.Count == 0)
        {
            return NodesFile.Load(settings.NodesFile!, settings.MlNodeScheme);
        }

        if (settings.AdminApis.Count == 1)
        {
            return await ReadAsync(settings, settings.AdminApis[0], redactor, log, handler, interrupt).ConfigureAwait(false);
        }

        // Several Network Nodes: each read on its own (its own token, its own PoC schedule); --node-ids name merged ids.
        var parts = new List<(string, FleetInventory)>();
        var names = settings.NetworkNodes;
        for (var i = 0; i < settings.AdminApis.Count; i++)
        {
            parts.Add((names[i], await ReadAsync(settings with { NodeIds = null }, settings.AdminApis[i], redactor, log, handler, interrupt).ConfigureAwait(false)));
        }

        return FleetInventory.Merge(parts);
    }

    private static async Task<FleetInventory> ReadAsync(FleetSettings settings, NodeEndpoint admin, SecretRedactor redactor, IRunLog log, HttpMessageHandler? handler, CancellationToken interrupt)
    {
        using var api = new AdminApi(admin, ResiliencePipelines.From(settings.Timing, log.Line), redactor, handler) { MlNodeScheme = settings.MlNodeScheme };
        var inventory = await api.ReadAsync(settings.NodeIds, interrupt).ConfigureAwait(false);
        foreach (var warning in inventory.Nodes.Select(n => n.Launch?.Warning).OfType<string>())
        {
            log.Warning(warning);
        }

        return inventory;
    }

    /// <summary>Runs the whole fleet.</summary>
    /// <exception cref="InputException">Bad input, or the PoC schedule refuses the run (nothing was touched).</exception>
    public static async Task<FleetRun> RunAsync(FleetSettings settings, SettingsSources sources, PipelineEngine engine, IRunLog log, TimeProvider time,
        CancellationToken interrupt, HttpMessageHandler? handler = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(sources);
        ArgumentNullException.ThrowIfNull(engine);
        ArgumentNullException.ThrowIfNull(log);
        ArgumentNullException.ThrowIfNull(time);
        var inventory = await ReadAsync(settings, engine.Redactor, log, handler, interrupt).ConfigureAwait(false);
        var pairs = FleetPairs.Select(inventory, settings);
        foreach (var missing in FleetPairs.Missing(pairs, settings))
        {
            log.Warning($"--pairs names {missing}, which {inventory.Location} no longer has; FleetReport with the fleet's source lists it as an ERROR row");
        }

        var safety = CheckSchedule(settings, inventory, settings.WorstCase(pairs), "fleet run", log);

        var started = time.GetLocalNow();
        var directory = settings.ClaimedDirectory ?? ExperimentDirectory.Claim(new ExperimentPlan(null, settings.ExperimentsRoot, "fleet"), started, log.Warning);
        var decided = FleetRunner.Decide(settings, pairs, inventory.StateKnown && !settings.IgnoreSafety, sources, directory, engine.Redactor, engine.References);
        log.Line(string.Create(
            CultureInfo.InvariantCulture,
            $"fleet: {pairs.Count} pair(s) on {pairs.Select(p => p.Node.Id).Distinct(StringComparer.Ordinal).Count()} node(s) " +
            $"from {settings.SourceKind} {settings.SourceDisplay}; {decided.Count(d => d.Settings is not null)} to run, at most {settings.MaxParallel.Value} at once (one at a time per node)"));
        log.Line($"fleet folder: {References.ReferenceCatalog.Relative(directory, sources.RepositoryRoot)}");

        var rows = await new FleetRunner(engine, log, time, interrupt).RunAsync(decided, settings, directory).ConfigureAwait(false);
        var run = new FleetRun
        {
            Directory = directory,
            SourceKind = settings.SourceKind,
            SourceDisplay = settings.SourceDisplay,
            Result = new FleetResult(rows, settings.RefusedOk),
            StartedAt = started,
            FinishedAt = time.GetLocalNow(),
            Safety = safety,
            NodeIds = settings.NodeIds,
            Models = settings.Models,
            MaxParallel = settings.MaxParallel.Value,
            NetworkNodes = settings.NetworkNodes,
        };
        FleetFiles.Write(run);
        return run;
    }

    /// <summary>
    /// Checks the PoC schedule for the whole run, before any node is touched (node state is checked pair by pair), and
    /// says what safety knew: nothing with --nodes, overridden with --ignore-safety.
    /// </summary>
    /// <param name="settings">The fleet's settings.</param>
    /// <param name="inventory">The fleet as read.</param>
    /// <param name="worstCase">How long the run can take at most.</param>
    /// <param name="what">What is refused, for the error ("fleet run", "fleet plan").</param>
    /// <param name="log">Where the warnings go.</param>
    /// <exception cref="InputException">The schedule leaves no room for the run, or is unknown.</exception>
    internal static FleetSafetyInfo CheckSchedule(FleetSettings settings, FleetInventory inventory, TimeSpan worstCase, string what, IRunLog log)
    {
        if (inventory.Parts.Count > 1)
        {
            // Each Network Node has its own PoC schedule: the run must fit before the soonest, and a refusal names whose.
            var checks = inventory.Parts.Select(p => (Part: p, Info: CheckSchedule(settings, p, worstCase, $"{what} (Network Node {p.Location})", log))).ToList();
            return checks.MinBy(c => c.Info.PocTiming?.SecondsUntilNextPoc ?? double.MaxValue).Info with
            {
                Note = string.Join("; ", checks.Select(c => $"{c.Part.Location}: {c.Info.Note}")),
            };
        }

        if (!inventory.StateKnown)
        {
            // A nodes file or a list of URLs: whichever named the nodes is the argument the operator recognizes.
            var source = inventory.Kind == FleetInventory.NodesFile ? "--nodes" : "--" + inventory.Kind;
            var unknown = $"{source} gives no node state and no PoC schedule: nothing shows these nodes are idle; " +
                $"disable them through the Network Node's Admin API first (effective at the end of the epoch)";
            log.Warning(unknown);
            return new FleetSafetyInfo { StateChecked = false, Ignored = settings.IgnoreSafety, WorstCaseS = worstCase.TotalSeconds, Note = unknown };
        }

        var timing = inventory.Timing?.Timing;
        if (settings.IgnoreSafety)
        {
            const string Ignored = "--ignore-safety: nodes in use are validated and the PoC schedule is not checked; validation redeploys vLLM and runs PoC on them, " +
                "which can cost their operator rewards";
            log.Warning(Ignored);
            return new FleetSafetyInfo { StateChecked = false, Ignored = true, PocTiming = timing, WorstCaseS = worstCase.TotalSeconds, Note = Ignored };
        }

        if (PocWindow.RefusalReason(inventory.Timing, worstCase, settings.PocMargin.Value) is { } refusal)
        {
            throw new InputException($"the {what} is refused: {refusal}");
        }

        var note = $"node state checked (nodes in use are REFUSED); next PoC in {Durations.Human(timing!.SecondsUntilNextPoc ?? 0)}, " +
            $"this run takes at most {Durations.Human(worstCase.TotalSeconds)} + {Durations.Human(settings.PocMargin.Value)} margin";
        log.Line("safety: " + note);
        return new FleetSafetyInfo { StateChecked = true, Ignored = false, PocTiming = timing, WorstCaseS = worstCase.TotalSeconds, Note = note };
    }
}
