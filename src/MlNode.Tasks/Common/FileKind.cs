using System.Runtime.InteropServices;

namespace MlNode.Tasks.Common;

/// <summary>
/// Tells a regular file from what only looks like one. Opening a FIFO for reading blocks until a writer appears,
/// forever and past any signal, so an input file is checked before it is opened. On Linux the file type comes from
/// statx(2), whose layout is the same on every architecture; elsewhere only directories are told apart.
/// </summary>
internal static class FileKind
{
    private const int AtFdCwd = -100;
    private const uint StatxType = 0x1;
    private const int ModeOffset = 28;
    private const int TypeMask = 0xF000;

    /// <summary>Null for an existing regular file (links followed); otherwise what is wrong, e.g. "is a directory".</summary>
    public static string? Problem(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (Directory.Exists(path))
        {
            return "is a directory, not a file";
        }

        if (!File.Exists(path))
        {
            return "does not exist";
        }

        return TypeOf(path) switch
        {
            null or 0x8000 => null,
            0x1000 => "is a FIFO (named pipe), not a regular file",
            0xC000 => "is a socket, not a regular file",
            0x2000 or 0x6000 => "is a device, not a regular file",
            _ => "is not a regular file",
        };
    }

    // The S_IFMT bits of the file's mode, or null where statx is not available.
    private static int? TypeOf(string path)
    {
        if (!OperatingSystem.IsLinux())
        {
            return null;
        }

        var buffer = new byte[256];
        try
        {
            return Statx(AtFdCwd, path, 0, StatxType, buffer) == 0 ? BitConverter.ToUInt16(buffer, ModeOffset) & TypeMask : null;
        }
        catch (Exception ex) when (ex is EntryPointNotFoundException or DllNotFoundException)
        {
            return null;
        }
    }

    [DllImport("libc", EntryPoint = "statx", SetLastError = true, CharSet = CharSet.Ansi, BestFitMapping = false, ThrowOnUnmappableChar = true)]
    private static extern int Statx(int directory, string path, int flags, uint mask, byte[] buffer);
}
