using System.Diagnostics;
using System.Globalization;

namespace MlNode.Tasks.Common;

/// <summary>
/// Tells whether the process that left a file behind (a claim marker, a temporary file) still runs. A process id
/// alone can be reused, so a claim also records when its process started.
/// </summary>
internal static class ProcessLiveness
{
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
            return startedTicksUtc is null || process.StartTime.ToUniversalTime().Ticks == startedTicksUtc;
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
