using MlNode.Tasks.Common;
using MlNode.Tasks.Reports;
using MlNode.Tasks.Documents;
using Newtonsoft.Json;

namespace MlNode.Tasks.Fleet;

/// <summary>
/// FleetReport: merges the experiment folders of a fleet's CI jobs (downloaded side by side, at any depth up to
/// three) into the fleet files, with the same rows and exit code a one-runner Fleet would give them. Only pair folders
/// count (named <c>&lt;node id&gt;__&lt;model&gt;</c>, as FleetPlan's jobs write them); a report is read only when it
/// is a regular file, and believed only when its fields agree. Pairs a fleet source expects but no job left a report
/// for are ERROR rows; a pair found twice is one ERROR row naming both folders.
/// </summary>
internal static partial class FleetMerge
{
    private const int MaxDepth = 3;

    /// <summary>The one check that --from is a folder, as typed (<paramref name="given"/>) and as resolved.</summary>
    /// <exception cref="InputException">It is not.</exception>
    public static string RequireFolder(string folder, string given) =>
        Directory.Exists(folder)
            ? folder
            : throw new InputException(
                $"--from '{given}' is not a folder{(given == folder ? string.Empty : $" (resolved to '{folder}')")}; pass the folder the CI jobs' experiment folders were downloaded into");

    /// <summary>Finds every job's report under <paramref name="folder"/> and makes the rows.</summary>
    /// <param name="folder">The folder holding the jobs' experiment folders.</param>
    /// <param name="expected">The pairs the fleet has (from --nodes or --admin-api), or null when unknown.</param>
    /// <param name="checkState">Whether the expected pairs' node state is known and checked: a pair without a folder
    /// whose node is in use is the REFUSED row a one-runner Fleet would have written (FleetPlan left it out).</param>
    /// <param name="redactor">Masks credentials in the URLs of expected pairs.</param>
    /// <exception cref="InputException">The folder is missing, or holds no experiment folder at all.</exception>
    public static IReadOnlyList<FleetRow> Rows(string folder, IReadOnlyList<FleetPair>? expected, bool checkState, SecretRedactor redactor)
    {
        ArgumentNullException.ThrowIfNull(folder);
        RequireFolder(folder, folder);
        var rows = Deduplicated(FindExperiments(folder, 0).Select(dir => Row(folder, dir)).ToList());
        if (rows.Count == 0 && expected is null)
        {
            // Nothing is written where no fleet is: --from=/ must not merge other jobs' folders or litter the root.
            throw new InputException($"--from '{folder}' holds no pair folder of a fleet (a '<node id>__<model>' folder with {ExperimentDirectory.ReportFile} " +
                $"or {ExperimentDirectory.ConfigFile} within {MaxDepth} levels, as FleetPlan's jobs write them); download the jobs' artifacts into it first");
        }

        if (expected is not null)
        {
            rows = [.. rows.Select(r => Credited(r, expected, redactor))];
            var found = rows.Select(r => (r.NodeId, r.Model)).ToHashSet();
            rows.AddRange(expected
                .Where(p => !found.Contains((p.Node.Id, p.Model)))
                .Select(p => PairObstacle.Of(p, checkState) is { } obstacle
                    ? obstacle.Row(p, FleetRunner.Display(p, redactor))
                    : FleetRow.NotRun(p, FleetRunner.Display(p, redactor), FleetStatus.Error, $"no experiment folder for this pair under --from (expected one named {p.FolderName}); " +
                        $"its job failed before it started, or its artifact was not downloaded", ExitCodes.Error)));
        }

        return rows;
    }

    // A report is credited to the pair whose folder it sits in only when it validated that pair's node: a report of
    // another MLNode's URL says nothing about this one.
    private static FleetRow Credited(FleetRow row, IReadOnlyList<FleetPair> expected, SecretRedactor redactor)
    {
        var pair = expected.FirstOrDefault(p => p.Node.Id == row.NodeId && p.Model == row.Model);
        if (pair is null || row.MlNodeUrl.Length == 0)
        {
            return row;
        }

        var url = FleetRunner.Display(pair, redactor);
        return string.Equals(row.MlNodeUrl.TrimEnd('/'), url.TrimEnd('/'), StringComparison.OrdinalIgnoreCase) ? row : row with
        {
            Status = FleetStatus.Error,
            ExitCode = ExitCodes.Error,
            Error = $"{row.ExperimentDirectory}/{ExperimentDirectory.ReportFile} is not believed: it validated {OutsideText.OneLine(row.MlNodeUrl)}, but the fleet source puts {row.NodeId} at {url}",
        };
    }

    // A pair found in two folders is one ERROR row that names both: counting both would count the pair twice.
    private static List<FleetRow> Deduplicated(List<FleetRow> rows) =>
        [.. rows.GroupBy(r => (r.NodeId, r.Model)).SelectMany(Merged)];

    // An unreadable report names no model: such rows stay one per folder.
    private static IEnumerable<FleetRow> Merged(IGrouping<(string NodeId, string Model), FleetRow> pair) => pair.Count() == 1 || pair.Key.Model.Length == 0
        ? pair
        : [pair.First() with
        {
            Status = FleetStatus.Error,
            ExitCode = ExitCodes.Error,
            Error = $"the pair has {pair.Count()} experiment folders under --from ({string.Join(", ", pair.Select(r => r.ExperimentDirectory))}); keep the one its job wrote",
        }];

    private static IEnumerable<string> FindExperiments(string directory, int depth)
    {
        if (depth > 0 && PairFolder().IsMatch(Path.GetFileName(directory)) &&
            (File.Exists(Path.Combine(directory, ExperimentDirectory.ReportFile)) || File.Exists(Path.Combine(directory, ExperimentDirectory.ConfigFile))))
        {
            yield return directory;
            yield break;
        }

        if (depth == MaxDepth)
        {
            yield break;
        }

        IEnumerable<string> children;
        try
        {
            children = Directory.EnumerateDirectories(directory).Order(StringComparer.Ordinal).ToList();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            yield break; // a folder this user may not read holds no job of theirs
        }

        foreach (var child in children)
        {
            foreach (var found in FindExperiments(child, depth + 1))
            {
                yield return found;
            }
        }
    }

    private static FleetRow Row(string root, string directory)
    {
        var relative = Path.GetRelativePath(root, directory);
        var folderNode = Path.GetFileName(directory).Split("__")[0];
        var reportPath = Path.Combine(directory, ExperimentDirectory.ReportFile);
        try
        {
            var path = File.Exists(reportPath) ? reportPath : Path.Combine(directory, ExperimentDirectory.ConfigFile);
            var report = ValidateReportFile.Read(path);
            var row = FleetRows.FromReport(report, report.FleetNode ?? folderNode, relative);
            if (!File.Exists(reportPath))
            {
                return row with
                {
                    Status = FleetStatus.Error,
                    ExitCode = ExitCodes.Error,
                    Judgement = null,
                    Error = "the job wrote its config but no report (it was killed before its first phase)",
                };
            }

            var disagreements = ReportConsistency.Disagreements(report);
            // A report that is not believed has no judgement this fleet can render: the row is the merge's error.
            return disagreements.Count == 0 ? row : row with
            {
                Status = FleetStatus.Error,
                ExitCode = ExitCodes.Error,
                Judgement = null,
                Error = $"{relative}/{ExperimentDirectory.ReportFile} is not believed: its fields disagree ({string.Join("; ", disagreements)})",
            };
        }
        catch (Exception ex) when (ex is JsonException or IOException or UnauthorizedAccessException)
        {
            var failure = Failure.Of(ex);
            return new FleetRow
            {
                NodeId = folderNode,
                MlNodeUrl = string.Empty,
                Model = string.Empty,
                Status = FleetStatus.Error,
                ExitCode = failure.ExitCode,
                Error = $"{relative}/{ExperimentDirectory.ReportFile} cannot be read: {failure.Message}",
                ExperimentDirectory = relative,
            };
        }
    }

    // FleetPair.FolderNameOf: the node id and the model, each reduced to [A-Za-z0-9._-], joined by "__".
    [System.Text.RegularExpressions.GeneratedRegex("^[A-Za-z0-9._-]+__[A-Za-z0-9._-]+$", System.Text.RegularExpressions.RegexOptions.CultureInvariant)]
    private static partial System.Text.RegularExpressions.Regex PairFolder();
}
