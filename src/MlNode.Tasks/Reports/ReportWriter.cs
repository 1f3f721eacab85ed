using MlNode.Tasks.Common;

namespace MlNode.Tasks.Reports;

/// <summary>
/// Writes an experiment folder's files atomically and through the secret redactor, so that a run that dies at
/// any point leaves valid files describing what completed and no credential ever reaches the disk.
/// </summary>
internal static class ReportWriter
{
    /// <summary>Writes validate_config.json (once, at the start of a run).</summary>
    public static void WriteConfig(RunReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        Write(report, ExperimentDirectory.ConfigFile, DocumentJson.Serialize(ReportDocument.Config(report)));
    }

    /// <summary>
    /// Writes every report file (validate_report.json and .txt, validate_junit.xml, validate_report.html) as the run
    /// stands now, each flushed to disk: at the start and at the end of a run.
    /// </summary>
    public static void WriteReport(RunReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        Write(report, ExperimentDirectory.ReportFile, DocumentJson.Serialize(ReportDocument.Report(report)));
        var summary = SummaryRenderer.Render(report);
        Write(report, ExperimentDirectory.TextFile, summary);
        Write(report, ExperimentDirectory.JUnitFile, JUnitReport.Render(report));
        Write(report, ExperimentDirectory.HtmlFile, Html.HtmlReport.Render(report, summary));
    }

    /// <summary>
    /// Writes validate_report.json and .txt as the run stands now, without waiting for the disk: at every phase
    /// change. The page and the JUnit file, rendered for people and CI at the end, are left to <see cref="WriteReport"/>;
    /// a fleet of a thousand pairs paid 20 s of system time for rendering and flushing all four at every change.
    /// </summary>
    public static void WriteProgress(RunReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        Write(report, ExperimentDirectory.ReportFile, DocumentJson.Serialize(ReportDocument.Report(report)), durable: false);
        Write(report, ExperimentDirectory.TextFile, SummaryRenderer.Render(report), durable: false);
    }

    private static void Write(RunReport report, string fileName, string content, bool durable = true)
    {
        var path = Path.Combine(report.ExperimentDirectory, fileName);
        try
        {
            var redacted = report.Redactor.Redact(content);
            if (durable)
            {
                AtomicFile.WriteAllText(path, redacted);
            }
            else
            {
                AtomicFile.WriteProgress(path, redacted);
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new MlNodeException($"cannot write {fileName} into '{report.ExperimentDirectory}': {ex.Message}; free space or choose another folder with --exp-dir");
        }
    }
}
