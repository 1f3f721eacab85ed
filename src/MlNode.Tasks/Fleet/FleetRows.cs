using System.Globalization;
using MlNode.Tasks.Client.Wire;
using MlNode.Tasks.Common;
using MlNode.Tasks.Reports;
using MlNode.Tasks.Documents;

namespace MlNode.Tasks.Fleet;

/// <summary>
/// A pair's row from its validate_report.json document: the same mapping for a pair this process ran (its report in
/// memory) and for one a CI job ran (its file, read by FleetReport), so both give the same fleet files.
/// </summary>
internal static class FleetRows
{
    private static readonly Newtonsoft.Json.JsonSerializer Serializer = Newtonsoft.Json.JsonSerializer.Create(DocumentJson.Settings);

    /// <summary>The row of a finished (or killed) run.</summary>
    /// <param name="report">The run's report document.</param>
    /// <param name="nodeId">The node's id (the report's fleet_node, or the folder's name when it has none).</param>
    /// <param name="experimentDirectory">The run's folder, relative to the fleet folder.</param>
    public static FleetRow FromReport(ValidateReport report, string nodeId, string? experimentDirectory)
    {
        ArgumentNullException.ThrowIfNull(report);
        var judged = report.Validation?.Response?.ToObject<GenerateWire>(Serializer);
        var judgement = Judging.JudgementDocument.Read(report.Judgement, report.Validation?.Decode is null ? string.Empty : "τ ");
        var exitCode = judgement?.ExitCode ?? ExitCodes.Error;
        var status = judgement?.Verdict == Verdict.Fail ? FleetStatus.Fail
            : judgement is not null && judgement.Verdict.ExitCode == ExitCodes.Pass ? FleetStatus.Pass
            : FleetStatus.Error;
        var error = report.Error?.Message ?? (report.ExitCode is null ? "the run did not finish (its process was killed?)"
            : judgement is null ? "its report holds no judgement this tool can read" : null);
        return new FleetRow
        {
            NodeId = nodeId,
            MlNodeUrl = report.MlnodeUrl,
            Model = report.Model,
            Status = status,
            ExitCode = exitCode,
            Verdict = report.Verdict,
            Judgement = judgement,
            Throughput = report.Throughput?.Summary?.AvgSumNoncesPerSecond,
            NMismatch = judged?.NMismatch is { } mismatch ? (int)mismatch : null,
            NTotal = judged?.NTotal is { } total ? (int)total : null,
            PValue = judged?.PValue,
            DurationSeconds = Seconds(report.StartedAt, report.FinishedAt),
            Gate = report.Gate,
            Error = status == FleetStatus.Error ? error : null,
            NodeArgs = report.DeployConfig.NodeArgs,
            NodeArgsFrom = report.DeployConfig.Baseline.Length == 0 ? null : report.DeployConfig.Baseline,
            ExperimentDirectory = experimentDirectory,
            NodeSoftware = report.Node?.Short,
        };
    }

    /// <summary>The row of a run this process ran.</summary>
    public static FleetRow FromRun(RunReport report, string nodeId, string fleetDirectory)
    {
        ArgumentNullException.ThrowIfNull(report);
        return FromReport(ReportDocument.Report(report), nodeId, Path.GetRelativePath(fleetDirectory, report.ExperimentDirectory));
    }

    private static double? Seconds(string started, string? finished) =>
        finished is not null &&
        DateTimeOffset.TryParse(started, CultureInfo.InvariantCulture, DateTimeStyles.None, out var from) &&
        DateTimeOffset.TryParse(finished, CultureInfo.InvariantCulture, DateTimeStyles.None, out var to)
            ? Math.Round((to - from).TotalSeconds, 3)
            : null;
}
