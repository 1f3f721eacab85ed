using System.Globalization;
using MlNode.Tasks.Common;
using MlNode.Tasks.Configuration;
using MlNode.Tasks.Engine;
using MlNode.Tasks.Fleet;
using MlNode.Tasks.References;
using MlNode.Tasks.Reports;

namespace MlNode.Tasks.CrossCheck;

/// <summary>
/// The CrossCheck target: lists the nodes as Fleet does (same filters, safety rules, PoC-window check and deploy
/// args), takes one node per (model, hardware class) unless every node is asked for, deploys each as a run does
/// (its own experiment folder under the cross-check's), then runs each model's matrix and writes the files.
/// </summary>
internal static class CrossCheckRunner
{
    /// <summary>Runs the cross-check and writes its folder.</summary>
    public static async Task<CrossCheckRun> RunAsync(
        CrossCheckSettings settings, SettingsSources sources, PipelineEngine engine, IRunLog log, TimeProvider time, CancellationToken interrupt, HttpMessageHandler? handler = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(sources);
        ArgumentNullException.ThrowIfNull(engine);
        ArgumentNullException.ThrowIfNull(log);
        ArgumentNullException.ThrowIfNull(time);
        var fleet = settings.Fleet;
        var inventory = settings.MlNodeUrls is { } urls
            ? AdHoc(urls, settings.Model!, engine.Redactor)
            : await FleetValidation.ReadAsync(fleet, engine.Redactor, log, handler, interrupt).ConfigureAwait(false);
        var pairs = FleetPairs.Select(inventory, fleet);
        // The models' matrices run one after another: the worst case is their sum.
        var worstCase = pairs.GroupBy(p => p.Model, StringComparer.Ordinal).Aggregate(TimeSpan.Zero, (total, model) => total + settings.WorstCase(model.Count()));
        var safety = FleetValidation.CheckSchedule(fleet, inventory, worstCase, "cross-check", log);

        var started = time.GetLocalNow();
        var directory = fleet.ClaimedDirectory ?? ExperimentDirectory.Claim(new ExperimentPlan(null, fleet.ExperimentsRoot, "crosscheck"), started, log.Warning);
        Func<FleetPair, string, SettingsSources>? adHocSources = settings.MlNodeUrls is null ? null : (pair, folder) => AdHocSources(sources, pair, folder);
        var decided = FleetRunner.Decide(fleet, pairs, inventory.StateKnown && !fleet.IgnoreSafety, sources, directory, engine.Redactor, engine.References, adHocSources);
        log.Line($"cross-check folder: {ReferenceCatalog.Relative(directory, sources.RepositoryRoot)}");

        var issues = new List<FleetRow>();
        var leftOut = new List<CrossLeftOut>();
        var matrices = new List<CrossMatrix>();
        foreach (var (pair, _, row) in decided.Where(d => d.Row is not null))
        {
            issues.Add(row!);
            log.Line($"[{pair.Label}] {row!.StatusText}: {row.Reason}");
        }

        foreach (var model in decided.Where(d => d.Settings is not null).GroupBy(d => d.Pair.Model, StringComparer.Ordinal))
        {
            if (interrupt.IsCancellationRequested)
            {
                break;
            }

            var chosen = Choose(model.Select(d => new CrossNode(d.Pair.Node.Id, ClassOf(d.Pair.Node), d.Settings!)).ToList(), settings.AllNodes, leftOut, log);
            var deployed = await DeployAsync(chosen, fleet, engine, directory, issues).ConfigureAwait(false);
            if (deployed.Count == 0)
            {
                continue;
            }

            var plan = Plan(deployed, engine.References.Load(deployed[0].Settings.Reference), settings, sources);
            log.Line(string.Create(
                CultureInfo.InvariantCulture,
                $"[{model.Key}] matrix: {deployed.Count} node(s) ({string.Join(", ", deployed.Select(n => n.Label))}) and the golden, " +
                $"{plan.Nonces.Count} nonces each, batch {(plan.BatchSize is { } b ? b.ToString(CultureInfo.InvariantCulture) : "each node's default")}"));
            matrices.Add(await new CrossMatrixRunner(engine.LogFor(model.Key), engine.Environment(interrupt)).RunAsync(plan).ConfigureAwait(false));
        }

        var run = new CrossCheckRun
        {
            Directory = directory,
            Settings = settings,
            Matrices = matrices,
            NodeIssues = issues,
            LeftOut = leftOut,
            Safety = safety,
            StartedAt = started,
            FinishedAt = time.GetLocalNow(),
        };
        CrossCheckFiles.Write(run);
        return run;
    }

    // A node whose definition names no hardware is a class of its own: nothing shows it agrees with any other.
    private static string ClassOf(FleetNode node) => node.Hardware ?? CrossNode.UnknownClass(node.Id);

    private static List<CrossNode> Choose(List<CrossNode> candidates, bool all, List<CrossLeftOut> leftOut, IRunLog log)
    {
        if (all)
        {
            return candidates;
        }

        var chosen = new List<CrossNode>();
        foreach (var group in candidates.GroupBy(n => n.Hardware, StringComparer.Ordinal))
        {
            var standIn = group.First();
            chosen.Add(standIn);
            foreach (var other in group.Skip(1))
            {
                leftOut.Add(new CrossLeftOut(other.Id, other.Settings.Model.Value, other.Hardware, standIn.Id));
                log.Line($"[{other.Id}] left out: {standIn.Id} stands for {other.Hardware} (--cross=all takes every node)");
            }
        }

        return chosen;
    }

    // Every node is deployed as a run deploys it (download, then vLLM with its own args), each in its folder.
    private static async Task<List<CrossNode>> DeployAsync(List<CrossNode> nodes, FleetSettings fleet, PipelineEngine engine, string directory, List<FleetRow> issues)
    {
        var phases = new Dictionary<Phase, PhaseDecision>(fleet.Phases)
        {
            [Phase.Throughput] = PhaseDecision.Skip("not part of --target=CrossCheck"),
            [Phase.Validate] = PhaseDecision.Skip("not part of --target=CrossCheck"),
        };
        var runs = await Task.WhenAll(nodes.Select(async node =>
        {
            var outcome = await engine.RunAsync(node.Settings with { Phases = phases }, node.Id, printSummary: false).ConfigureAwait(false);
            return (node, outcome);
        })).ConfigureAwait(false);
        var ready = new List<CrossNode>();
        foreach (var (node, outcome) in runs)
        {
            if (outcome.ExitCode == ExitCodes.Pass)
            {
                ready.Add(node);
            }
            else
            {
                issues.Add(FleetRows.FromRun(outcome.Report, node.Id, directory));
            }
        }

        return ready;
    }

    private static CrossModelPlan Plan(List<CrossNode> nodes, GoldenReference golden, CrossCheckSettings settings, SettingsSources sources)
    {
        var first = nodes[0].Settings;
        var timing = first.Timing;
        return new CrossModelPlan(
            first.Model,
            golden,
            ReferenceCatalog.Relative(golden.Header.FilePath ?? golden.Header.Label, sources.RepositoryRoot),
            first.StatTest.Parameters,
            Enumerable.Range(0, settings.NumNonces.Value).Select(n => (long)n).ToList(),
            settings.BatchSize?.Value,
            nodes,
            timing.ValidationTimeout.Value,
            timing.StopTimeout.Value);
    }

    private static FleetInventory AdHoc(IReadOnlyList<string> urls, string model, SecretRedactor redactor)
    {
        var nodes = urls.Select(url =>
        {
            // host:port (and a path, for nodes behind one gateway); never the credentials of the URL.
            var uri = new Uri(url);
            return new FleetNode(uri.Authority + uri.AbsolutePath.TrimEnd('/'), url, [KeyValuePair.Create(model, (IReadOnlyList<string>)[])], null);
        }).ToList();
        return new FleetInventory(CrossCheckSettingsResolver.AdHocKind, string.Join(",", urls.Select(redactor.Redact)), nodes, StateKnown: false, Timing: null);
    }

    // An ad-hoc node is a single run's node: its deploy args are the reference's or --node-config's, as for Report.
    private static SettingsSources AdHocSources(SettingsSources sources, FleetPair pair, string folder) =>
        sources.WithArguments(new Dictionary<string, IReadOnlyList<string>>(StringComparer.OrdinalIgnoreCase)
        {
            [MlNodeArguments.MlNodeUrl.Name] = [pair.Node.BaseUrl],
            [MlNodeArguments.Model.Name] = [pair.Model],
            [MlNodeArguments.ExpDir.Name] = [folder],
            [MlNodeArguments.MlNodeUrls.Name] = [],
        });
}
