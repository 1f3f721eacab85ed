using System.Globalization;
using MlNode.Tasks.Common;
using MlNode.Tasks.Documents;
using MlNode.Tasks.Configuration;

namespace MlNode.Tasks.Reports;

/// <summary>
/// Claims the run's experiment folder. Two runs never share one (even when started in the same second, even
/// from two processes) and a folder that already holds a report is never written into again.
/// </summary>
internal static class ExperimentDirectory
{
    /// <summary>The marker file whose atomic creation claims a folder for one run.</summary>
    public const string ClaimMarker = ".mlnode-run";

    /// <summary>The file names of a run's reports.</summary>
    public const string ConfigFile = "validate_config.json";

    /// <summary>The full structured report.</summary>
    public const string ReportFile = ValidateReport.FileName;

    /// <summary>The short text summary.</summary>
    public const string TextFile = "validate_report.txt";

    /// <summary>The JUnit file for CI systems.</summary>
    public const string JUnitFile = "validate_junit.xml";

    /// <summary>The self-contained HTML report.</summary>
    public const string HtmlFile = "validate_report.html";

    /// <summary>Creates and claims the folder; returns its absolute path.</summary>
    /// <param name="plan">Where the folder goes.</param>
    /// <param name="now">The run's start, for the folder's name.</param>
    /// <param name="warn">Receives a line when a stale claim (its process is gone, e.g. after kill -9) is taken over.</param>
    /// <exception cref="InputException">--exp-dir already holds a report or is in use, or the folder cannot be created.</exception>
    public static string Claim(ExperimentPlan plan, DateTimeOffset now, Action<string>? warn = null)
    {
        ArgumentNullException.ThrowIfNull(plan);
        if (plan.ExplicitDirectory is { } claimed && plan.PreClaimed)
        {
            return claimed;
        }

        if (plan.ExplicitDirectory is { } dir)
        {
            if (File.Exists(Path.Combine(dir, ReportFile)) || File.Exists(Path.Combine(dir, ConfigFile)))
            {
                throw new InputException($"--exp-dir '{dir}' already holds a report; reports are never overwritten -- pass a new folder to --exp-dir");
            }

            if (!TryClaim(dir, warn))
            {
                throw new InputException($"--exp-dir '{dir}' is already in use by another run (it holds {ClaimMarker}); pass a new folder to --exp-dir");
            }

            return dir;
        }

        var stem = Preview(plan, now);
        for (var attempt = 1; attempt < 1000; attempt++)
        {
            var candidate = attempt == 1 ? stem : $"{stem}_{attempt}";
            if (TryClaim(candidate, warn))
            {
                return candidate;
            }
        }

        throw new InputException($"could not claim a new experiment folder under '{plan.Root}'; clean it up or pass --exp-dir");
    }

    /// <summary>The folder <see cref="Claim"/> would take first, without creating anything (a dry run shows it).</summary>
    public static string Preview(ExperimentPlan plan, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(plan);
        return plan.ExplicitDirectory ?? Path.Combine(plan.Root, plan.Name + "_" + now.ToLocalTime().ToString("yyyy-MM-dd_HHmmss", CultureInfo.InvariantCulture));
    }

    // The marker is created atomically and holds the claiming process's stamp, so a claim whose process is gone
    // (killed before it wrote a report) is told from one in use, and taken over with a warning.
    private static bool TryClaim(string directory, Action<string>? warn)
    {
        var marker = Path.Combine(directory, ClaimMarker);
        try
        {
            Directory.CreateDirectory(directory);
            if (File.Exists(marker) && !ProcessLiveness.IsAlive(File.ReadAllText(marker)))
            {
                warn?.Invoke($"'{directory}' was claimed by a run whose process is gone (killed?); taking the folder over");
                File.Delete(marker);
            }

            using var stream = new FileStream(marker, FileMode.CreateNew, FileAccess.Write);
            using var writer = new StreamWriter(stream);
            writer.Write(ProcessLiveness.CurrentStamp());
            return true;
        }
        catch (IOException) when (File.Exists(marker))
        {
            return false;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new InputException($"cannot create the experiment folder '{directory}': {ex.Message}; choose another place with --exp-dir or --experiments-root");
        }
    }
}
