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

    /// <summary>Gets every file a run writes into its folder.</summary>
    public static IReadOnlyList<string> OutputNames { get; } = [ConfigFile, ReportFile, TextFile, JUnitFile, HtmlFile];

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
            CheckExplicit(dir);
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

    /// <summary>
    /// Refuses an --exp-dir the run must not write into: a filesystem root, or a folder already holding a file of the
    /// name a run writes (a report is never overwritten, and neither is a user's own file that happens to share a name).
    /// </summary>
    /// <exception cref="InputException">The folder is refused.</exception>
    public static void CheckExplicit(string directory)
    {
        ArgumentNullException.ThrowIfNull(directory);
        OutputFolder.RefuseRoot(directory, "--exp-dir");
        if (OutputNames.FirstOrDefault(name => Path.Exists(Path.Combine(directory, name))) is { } taken)
        {
            var what = taken is ReportFile or ConfigFile ? "a report" : $"a file named {taken}";
            throw new InputException($"--exp-dir '{directory}' already holds {what}; a run never overwrites files -- pass a new folder to --exp-dir");
        }
    }

    /// <summary>The folder <see cref="Claim"/> would take first, without creating anything (a dry run shows it).</summary>
    public static string Preview(ExperimentPlan plan, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(plan);
        return plan.ExplicitDirectory ?? Path.Combine(plan.Root, plan.Name + "_" + now.ToLocalTime().ToString("yyyy-MM-dd_HHmmss", CultureInfo.InvariantCulture));
    }

    // A claim becomes visible whole: the stamp is written to a temporary file that is then linked into place only if
    // no claim is there (AtomicFile.CreateNew), so a contender never reads an empty or half-written claim. A claim whose process is gone (killed before it wrote a report) is taken over under a
    // lock that the kernel drops with its holder, so two contenders never both take the same stale folder.
    private static bool TryClaim(string directory, Action<string>? warn)
    {
        var marker = Path.Combine(directory, ClaimMarker);
        try
        {
            Directory.CreateDirectory(directory);
            if (Publish(marker))
            {
                return true;
            }

            return TakeOverStale(directory, marker, warn);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new InputException($"cannot create the experiment folder '{directory}': {ex.Message}; choose another place with --exp-dir or --experiments-root");
        }
    }

    // True when this process's claim is now the folder's; false when another claim is there already.
    private static bool Publish(string marker)
    {
        try
        {
            AtomicFile.CreateNew(marker, ProcessLiveness.CurrentStamp());
            return true;
        }
        catch (IOException) when (File.Exists(marker))
        {
            return false;
        }
    }

    private static bool TakeOverStale(string directory, string marker, Action<string>? warn)
    {
        if (ReadStamp(marker) is not { } stamp || ProcessLiveness.IsAlive(stamp))
        {
            // In use, or released between the two looks: a new attempt at the next name (or a refusal) is the safe answer.
            return false;
        }

        FileStream gate;
        try
        {
            gate = new FileStream(marker + ".takeover", FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException)
        {
            return false; // another run is taking this folder over right now
        }

        using (gate)
        {
            if (ReadStamp(marker) != stamp)
            {
                return false;
            }

            warn?.Invoke($"'{directory}' was claimed by a run whose process is gone (killed?); taking the folder over");
            File.Delete(marker);
            return Publish(marker);
        }
    }

    private static string? ReadStamp(string marker)
    {
        try
        {
            return File.ReadAllText(marker);
        }
        catch (FileNotFoundException)
        {
            return null;
        }
    }
}
