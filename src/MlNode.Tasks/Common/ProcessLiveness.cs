using System.Diagnostics;
using System.Globalization;

namespace MlNode.Tasks.Common;

/// <summary>
/// Tells whether the process that left a file behind (a claim marker, a temporary file) still runs. A process id
/// alone can be reused, so a claim also records when its process started.
/// </summary>
internal static class ProcessLiveness
{
    // On Linux a process's start time is its boot-relative start plus a boot time that each reader derives from the
    // wall clock at the moment it asks, so two processes see the same start a few milliseconds apart: an exact match
    // would declare every live run dead to every other process. A reused id within this slack is not a concern.
    private static readonly long StartSlackTicks = TimeSpan.FromSeconds(5).Ticks;

    /// <summary>This process's stamp: its id and start time, as written into a claim.</summary>
    public static string CurrentStamp()
    {
        using var self = Process.GetCurrentProcess();
        return string.Create(CultureInfo.InvariantCulture, $"{self.Id} {self.StartTime.ToUniversalTime().Ticks}");
    }

    /// <summary>True unless the stamp names a process that is gone (an unreadable stamp counts as alive: never take over a claim blindly).</summary>
    public static bool IsAlive(string stamp)
    {
        var parts = (stamp ?? string.Empty).Trim().Split(' ');
        if (parts.Length == 0 || !int.TryParse(parts[0], NumberStyles.Integer, CultureInfo.InvariantCulture, out var id))
        {
            return true;
        }

        long? started = parts.Length > 1 && long.TryParse(parts[1], NumberStyles.Integer, CultureInfo.InvariantCulture, out var ticks) ? ticks : null;
        return IsAlive(id, started);
    }

    /// <summary>True while a process with that id (and, when given, that start time) runs.</summary>
    public static bool IsAlive(int id, long? startedTicksUtc = null)
    {
        try
        {
            using var process = Process.GetProcessById(id);
            return startedTicksUtc is not { } expected || Math.Abs(process.StartTime.ToUniversalTime().Ticks - expected) <= StartSlackTicks;
        }
        catch (ArgumentException)
        {
            return false;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }
}
