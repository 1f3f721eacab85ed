using MlNode.Tasks.Ci;
using MlNode.Tasks.Common;
using MlNode.Tasks.Configuration;
using MlNode.Tasks.Demo;
using MlNode.Tasks.Engine;
using MlNode.Tasks.Fleet;
using MlNode.Tasks.Fleet.Documents;

namespace MlNode.Tasks.Cake;

/// <summary>The fleet targets: Fleet (and FleetDemo) on this runner, FleetPlan (a CI matrix) and FleetReport (the merge).</summary>
internal static class FleetTask
{
    /// <summary>
    /// Fleet: validates every pair, prints the table, publishes to the CI system; <c>finished</c> is called once every
    /// pair has ended, before the table is printed (the live view closes there).
    /// </summary>
    public static async Task<FleetRun> RunAsync(FleetSettings settings, SettingsSources sources, PipelineEngine engine, IRunLog log, IPipelineReporter pipeline,
        CancellationToken interrupt, Action? finished = null)
    {
        var run = await FleetValidation.RunAsync(settings, sources, engine, log, TimeProvider.System, interrupt).ConfigureAwait(false);
        finished?.Invoke();
        Print(run, sources, log);
        pipeline.PublishFleet(run);
        return run;
    }

    /// <summary>FleetPlan: the pairs as a CI matrix (the process's only standard output); refused pairs are left out, with a warning each.</summary>
    public static async Task<string> PlanAsync(FleetSettings settings, SettingsSources sources, SecretRedactor redactor, IRunLog log, CancellationToken interrupt)
    {
        var format = new SettingReader(sources).Choice(MlNodeArguments.Format).Value;
        var inventory = await FleetValidation.ReadAsync(settings, redactor, log, null, interrupt).ConfigureAwait(false);
        var pairs = FleetPairs.Select(inventory, settings).ToList();

        // The jobs run side by side on separate runners: the whole plan must fit before the next PoC at full width.
        FleetValidation.CheckSchedule(settings, inventory, settings.WorstCase(pairs, pairs.Count), "fleet plan", log);
        var checkState = inventory.StateKnown && !settings.IgnoreSafety;
        foreach (var pair in pairs.ToList())
        {
            if (PairObstacle.Of(pair, checkState) is { } obstacle)
            {
                log.Warning($"[{pair.Label}] left out of the plan: {obstacle.Status.ToString().ToUpperInvariant()}: {obstacle.Reason}");
                pairs.Remove(pair);
            }
        }

        var maxJobs = new SettingReader(sources).Integer(MlNodeArguments.MaxJobs)?.Value ?? FleetShards.DefaultMaxJobs(format);
        var jobs = FleetMatrix.Jobs(pairs, maxJobs, ShardArguments(settings, sources), redactor, settings.MlNodeTls);
        log.Line(jobs.Count == pairs.Count
            ? $"FleetPlan: {jobs.Count} job(s), one per pair ({format} matrix on standard output)"
            : $"FleetPlan: {pairs.Count} pairs in {jobs.Count} shard job(s) of whole nodes, at most {maxJobs} (--max-jobs); " +
                $"each runs --target=Fleet --pairs=<its pairs> ({format} matrix on standard output)");
        return format == "gitlab" ? FleetMatrix.GitLab(jobs) : FleetMatrix.GitHub(jobs);
    }

    // What a shard job's Fleet needs to read the fleet as the plan did: the source (credentials stay in the
    // environment: a matrix is printed in CI logs), the scheme and TLS files as paths, and the safety override.
    private static List<string> ShardArguments(FleetSettings settings, SettingsSources sources)
    {
        var args = new List<string>();
        if (settings.AdminApis.Count > 0)
        {
            args.Add($"--admin-api={string.Join(',', settings.AdminApis.Select(a => a.Identity))}");
        }
        else
        {
            var file = settings.NodesFile!;
            var relative = Path.GetRelativePath(sources.RepositoryRoot, file);
            args.Add($"--nodes={(relative.StartsWith("..", StringComparison.Ordinal) || Path.IsPathRooted(relative) ? file : relative)}");
        }

        args.Add($"--mlnode-scheme={settings.MlNodeScheme}");
        args.AddRange(FleetMatrix.TlsArguments(settings.MlNodeTls, settings.AdminApis.FirstOrDefault()?.Tls.CaCert));
        if (settings.IgnoreSafety)
        {
            args.Add("--ignore-safety");
        }

        return args;
    }

    /// <summary>FleetReport: merges the jobs' folders under --from into the fleet files there.</summary>
    public static async Task<FleetRun> MergeAsync(SettingsSources sources, SecretRedactor redactor, IRunLog log, IPipelineReporter pipeline, TimeProvider time, CancellationToken interrupt)
    {
        var reader = new SettingReader(sources);
        var folder = CheckFrom(sources);
        IReadOnlyList<FleetPair>? expected = null;
        FleetSettings? settings = null;
        var checkState = false;
        if (reader.Text(MlNodeArguments.Nodes) is not null || reader.Text(MlNodeArguments.AdminApi) is not null)
        {
            settings = FleetSettingsResolver.Resolve(sources, redactor);
            var inventory = await FleetValidation.ReadAsync(settings, redactor, log, null, interrupt).ConfigureAwait(false);
            expected = FleetPairs.Select(inventory, settings);
            checkState = inventory.StateKnown && !settings.IgnoreSafety;
        }

        var rows = FleetMerge.Rows(folder, expected, checkState, redactor);
        var times = rows.Select(r => r.DurationSeconds ?? 0).DefaultIfEmpty(0).Max();
        var now = time.GetLocalNow();
        var run = new FleetRun
        {
            Directory = folder,
            SourceKind = "merged",
            SourceDisplay = References.ReferenceCatalog.Relative(folder, sources.RepositoryRoot),
            Result = new FleetResult(rows, reader.Flag(MlNodeArguments.RefusedOk)),
            StartedAt = now.AddSeconds(-times),
            FinishedAt = now,
            Safety = new FleetSafetyInfo { Note = "checked by FleetPlan before the jobs (nodes in use left out, the PoC schedule checked)" },
            NodeIds = settings?.NodeIds,
            Models = settings?.Models,
            NetworkNodes = settings?.NetworkNodes ?? [],
        };
        try
        {
            FleetFiles.Write(run);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new InputException($"FleetReport writes the fleet files into --from '{folder}', which cannot be written ({ex.Message}); copy the jobs' folders somewhere writable and pass that");
        }

        Print(run, sources, log);
        pipeline.PublishFleet(run);
        return run;
    }

    /// <summary>FleetReport's --from: given, an existing folder, not the filesystem root; returns its full path.</summary>
    public static string CheckFrom(SettingsSources sources)
    {
        ArgumentNullException.ThrowIfNull(sources);
        var from = new SettingReader(sources).Text(MlNodeArguments.From) ?? throw new InputException("FleetReport needs --from=<the folder holding the CI jobs' downloaded experiment folders>");
        var folder = sources.FullPath(from);
        OutputFolder.RefuseRoot(folder, "--from");
        return FleetMerge.RequireFolder(folder, from.Value);
    }

    /// <summary>FleetDemo: the embedded fleet, with its reference baked into the fleet folder and demo-sized waits.</summary>
    public static async Task<FleetInputs> StartDemoAsync(SettingsSources sources, SecretRedactor redactor, string simulatorAssembly, IRunLog log, TimeProvider time, CancellationToken interrupt)
    {
        DemoArguments.Check(sources, TaskPlan.Tasks.FleetDemo, TaskPlan.Tasks.Fleet, MlNodeArguments.Nodes, MlNodeArguments.AdminApi, MlNodeArguments.ReferencesPath);
        var root = sources.FullPath(new SettingReader(sources).Text(MlNodeArguments.ExperimentsRoot)!);
        var demo = await FleetDemoEnvironment.StartAsync(simulatorAssembly, root, log, time, interrupt).ConfigureAwait(false);
        var demoSources = DemoArguments.With(sources, demo.Arguments);
        var settings = FleetSettingsResolver.Resolve(demoSources, redactor) with { ClaimedDirectory = demo.Directory };
        return new FleetInputs(settings, demoSources, demo);
    }

    private static void Print(FleetRun run, SettingsSources sources, IRunLog log)
    {
        log.Line(string.Empty);
        log.Lines(FleetTable.Render(run));

        log.Line($"fleet files: {References.ReferenceCatalog.Relative(Path.Combine(run.Directory, FleetFiles.ReportFile), sources.RepositoryRoot)}, " +
            $"{FleetFiles.TextFile}, {FleetFiles.JUnitFile}, {FleetFiles.HtmlFile}");
    }
}
