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

    /// <summary>Writes validate_report.json, validate_report.txt and validate_junit.xml as the run stands now.</summary>
    public static void WriteReport(RunReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        Write(report, ExperimentDirectory.ReportFile, DocumentJson.Serialize(ReportDocument.Report(report)));
        var summary = SummaryRenderer.Render(report);
        Write(report, ExperimentDirectory.TextFile, summary);
        Write(report, ExperimentDirectory.JUnitFile, JUnitReport.Render(report));
        Write(report, ExperimentDirectory.HtmlFile, Html.HtmlReport.Render(report, summary));
    }

    private static void Write(RunReport report, string fileName, string content)
    {
        var path = Path.Combine(report.ExperimentDirectory, fileName);
        try
        {
            AtomicFile.WriteAllText(path, report.Settings.Redactor.Redact(content));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new MlNodeException($"cannot write {fileName} into '{report.ExperimentDirectory}': {ex.Message}; free space or choose another folder with --exp-dir");
        }
    }
}
