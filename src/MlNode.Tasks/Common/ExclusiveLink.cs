using System.Runtime.InteropServices;

namespace MlNode.Tasks.Common;

/// <summary>
/// Puts a finished file in place under a name only if no file has that name, as one step. File.Move without overwrite
/// checks for the target and then renames, so two writers can both pass the check; a hard link (Unix) or MoveFileEx
/// without replace (Windows, which File.Move uses there) fails for all but one of them.
/// </summary>
internal static class ExclusiveLink
{
    private const int EEXIST = 17;

    /// <summary>Gives <paramref name="source"/> the name <paramref name="target"/> (the source name is gone afterwards).</summary>
    /// <exception cref="IOException">The target exists, or the file system refused.</exception>
    public static void Publish(string source, string target)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(target);
        if (OperatingSystem.IsWindows())
        {
            File.Move(source, target, overwrite: false);
            return;
        }

        if (Link(source, target) != 0)
        {
            var errno = Marshal.GetLastPInvokeError();
            throw new IOException(errno == EEXIST ? $"'{target}' already exists" : $"cannot create '{target}': {Marshal.GetPInvokeErrorMessage(errno)}");
        }

        File.Delete(source);
    }

    // DllImport rather than LibraryImport: the generated marshalling needs unsafe code, this call needs none.
    [DllImport("libc", EntryPoint = "link", SetLastError = true)]
#pragma warning disable SYSLIB1054
    private static extern int Link([MarshalAs(UnmanagedType.LPUTF8Str)] string existing, [MarshalAs(UnmanagedType.LPUTF8Str)] string created);
#pragma warning restore SYSLIB1054
}
