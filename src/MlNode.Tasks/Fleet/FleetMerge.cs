using MlNode.Tasks.Common;
using MlNode.Tasks.Fleet.Safety;
using MlNode.Tasks.Reports;
using MlNode.Tasks.Reports.Documents;
using Newtonsoft.Json;

namespace MlNode.Tasks.Fleet;

/// <summary>
/// FleetReport: merges the experiment folders of a fleet's CI jobs (downloaded side by side, at any depth up to
/// three) into the fleet files, with the same rows and exit code a one-runner Fleet would give them. Pairs a fleet
/// source expects but no job left a report for are ERROR rows.
/// </summary>
public static class FleetMerge
{
    private const int MaxDepth = 3;

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
        if (!Directory.Exists(folder))
        {
            throw new InputException($"--from '{folder}' is not a folder; pass the folder the CI jobs' experiment folders were downloaded into");
        }

        var rows = FindExperiments(folder, 0).Select(dir => Row(folder, dir)).ToList();
        if (rows.Count == 0 && expected is null)
        {
            throw new InputException($"--from '{folder}' holds no experiment folder (none with {ExperimentDirectory.ReportFile} or {ExperimentDirectory.ConfigFile} within {MaxDepth} levels); download the jobs' artifacts into it first");
        }

        if (expected is not null)
        {
            var found = rows.Select(r => (r.NodeId, r.Model)).ToHashSet();
            rows.AddRange(expected
                .Where(p => !found.Contains((p.Node.Id, p.Model)))
                .Select(p => PairObstacle.Of(p, checkState) is { } obstacle
                    ? obstacle.Row(p, FleetRunner.Display(p, redactor))
                    : FleetRow.NotRun(p, FleetRunner.Display(p, redactor), FleetStatus.Error, $"no experiment folder for this pair under --from (expected one named {p.FolderName}); its job failed before it started, or its artifact was not downloaded", ExitCodes.Error)));
        }

        return rows;
    }

    private static IEnumerable<string> FindExperiments(string directory, int depth)
    {
        if (depth > 0 && (File.Exists(Path.Combine(directory, ExperimentDirectory.ReportFile)) || File.Exists(Path.Combine(directory, ExperimentDirectory.ConfigFile))))
        {
            yield return directory;
            yield break;
        }

        if (depth == MaxDepth)
        {
            yield break;
        }

        foreach (var child in Directory.EnumerateDirectories(directory).Order(StringComparer.Ordinal))
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
            var text = File.ReadAllText(path);
            var report = DocumentJson.Deserialize<ValidateReport>(text);
            var row = FleetRows.FromReport(report, report.FleetNode ?? folderNode, relative);
            return File.Exists(reportPath) ? row : row with { Status = FleetStatus.Error, ExitCode = ExitCodes.Error, Error = "the job wrote its config but no report (it was killed before its first phase)" };
        }
        catch (Exception ex) when (ex is JsonException or IOException or UnauthorizedAccessException)
        {
            return new FleetRow
            {
                NodeId = folderNode,
                MlNodeUrl = string.Empty,
                Model = string.Empty,
                Status = FleetStatus.Error,
                ExitCode = ExitCodes.Error,
                Error = $"{relative}/{ExperimentDirectory.ReportFile} cannot be read: {ex.Message.Split(Environment.NewLine)[0]}",
                ExperimentDirectory = relative,
            };
        }
    }
}
