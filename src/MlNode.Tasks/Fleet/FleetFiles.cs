using System.Globalization;
using MlNode.Tasks.Common;
using MlNode.Tasks.Fleet.Documents;

namespace MlNode.Tasks.Fleet;

/// <summary>Writes the fleet folder's own files, each atomically: fleet_report.json, fleet_report.txt, fleet_junit.xml, fleet_report.html.</summary>
internal static class FleetFiles
{
    /// <summary>The fleet report's file name.</summary>
    public const string ReportFile = "fleet_report.json";

    /// <summary>The table's file name.</summary>
    public const string TextFile = "fleet_report.txt";

    /// <summary>The JUnit file's name.</summary>
    public const string JUnitFile = "fleet_junit.xml";

    /// <summary>The page's name.</summary>
    public const string HtmlFile = "fleet_report.html";

    /// <summary>Writes the four files.</summary>
    public static void Write(FleetRun run)
    {
        ArgumentNullException.ThrowIfNull(run);
        AtomicFile.WriteAllText(Path.Combine(run.Directory, ReportFile), DocumentJson.Serialize(Document(run)));
        AtomicFile.WriteAllText(Path.Combine(run.Directory, TextFile), FleetTable.Render(run));
        AtomicFile.WriteAllText(Path.Combine(run.Directory, JUnitFile), FleetJUnit.Render(run));
        AtomicFile.WriteAllText(Path.Combine(run.Directory, HtmlFile), FleetHtml.Render(run));
    }

    /// <summary>The fleet_report.json document.</summary>
    public static FleetReportDocument Document(FleetRun run)
    {
        ArgumentNullException.ThrowIfNull(run);
        return new FleetReportDocument
        {
            Source = new FleetSourceInfo { Kind = run.SourceKind, Location = run.SourceDisplay, NodeIds = run.NodeIds, Models = run.Models },
            Safety = run.Safety,
            StartedAt = run.StartedAt.ToString("o", CultureInfo.InvariantCulture),
            FinishedAt = run.FinishedAt?.ToString("o", CultureInfo.InvariantCulture),
            DurationS = run.Duration,
            MaxParallel = run.MaxParallel,
            ExitCode = run.Result.ExitCode,
            Counts = run.Result.Counts,
            Pairs = [.. run.Result.Rows.Select(Entry)],
            NetworkNodes = NetworkNodeGroup.Of(run) is { Count: > 0 } groups
                ? [.. groups.Select(g => new NetworkNodeEntry { Name = g.Name, ExitCode = g.Result.ExitCode, Counts = g.Result.Counts })]
                : null,
        };
    }

    /// <summary>A pair's entry in a fleet report (and a cross-check's node issues).</summary>
    public static FleetPairEntry Entry(FleetRow r)
    {
        ArgumentNullException.ThrowIfNull(r);
        return new FleetPairEntry
        {
            NodeId = r.NodeId,
            MlnodeUrl = r.MlNodeUrl,
            Model = r.Model,
            Status = r.StatusText,
            Verdict = r.Verdict,
            Judgement = r.Judgement is { } judgement ? Judging.JudgementDocument.Of(judgement) : null,
            ExitCode = r.ExitCode,
            ThroughputNoncesPerSecond = r.Throughput,
            NMismatch = r.NMismatch,
            NTotal = r.NTotal,
            PValue = r.PValue,
            NodeSoftware = r.NodeSoftware,
            DurationS = r.DurationSeconds,
            Gate = r.Gate,
            RefusalReason = r.RefusalReason,
            Error = r.Error,
            NodeArgs = r.NodeArgs,
            NodeArgsFrom = r.NodeArgsFrom,
            ExperimentDir = r.ExperimentDirectory,
        };
    }
}
