using System.Diagnostics;
using System.Text;

namespace MlNode.Tasks.Tests.Support;

/// <summary>What one ./build.sh invocation produced.</summary>
internal sealed record CakeRun(int ExitCode, string Stdout, string Stderr)
{
    public string Output => Stdout + Stderr;

    /// <summary>The last non-empty line of stdout.</summary>
    public string LastLine => Stdout.Split('\n').Select(l => l.TrimEnd('\r')).Last(l => l.Trim().Length > 0);
}

/// <summary>Runs the repository's ./build.sh (the real Cake engine) as a user would, or build.ps1 through pwsh.</summary>
internal static class CakeRunner
{
    public static Task<CakeRun> RunAsync(
        IEnumerable<string> arguments,
        IReadOnlyDictionary<string, string?>? environment = null,
        string? workingDirectory = null,
        Func<Process, StringBuilder, Task>? whileRunning = null,
        TimeSpan? timeout = null) =>
        RunAsync(["bash", Path.Combine(RepositoryPaths.Root, "build.sh")], arguments, environment, workingDirectory, whileRunning, timeout);

    /// <summary>
    /// Runs another Cake script with the repository's pinned Cake runner (<c>dotnet cake</c> from the repository's tool
    /// manifest), as a user's own build.cake would run: no bootstrapper, the script's own folder and graph.
    /// </summary>
    public static Task<CakeRun> RunScriptAsync(string script, IEnumerable<string> arguments, IReadOnlyDictionary<string, string?>? environment = null) =>
        RunAsync(["dotnet", "cake", script], arguments, environment, RepositoryPaths.Root, null, null);

    /// <summary>Runs build.ps1 with <c>pwsh -File</c>, the way a shebang start or a Windows shortcut runs it.</summary>
    public static Task<CakeRun> RunPowerShellAsync(string pwsh, IEnumerable<string> arguments, string? workingDirectory = null) =>
        RunAsync([pwsh, "-NoLogo", "-NoProfile", "-File", Path.Combine(RepositoryPaths.Root, "build.ps1")], arguments, null, workingDirectory, null, null);

    private static async Task<CakeRun> RunAsync(
        string[] bootstrapper,
        IEnumerable<string> arguments,
        IReadOnlyDictionary<string, string?>? environment,
        string? workingDirectory,
        Func<Process, StringBuilder, Task>? whileRunning,
        TimeSpan? timeout)
    {
        var start = new ProcessStartInfo(bootstrapper[0])
        {
            WorkingDirectory = workingDirectory ?? RepositoryPaths.Root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var part in bootstrapper.Skip(1))
        {
            start.ArgumentList.Add(part);
        }
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["NO_COLOR"] = "1";
        foreach (var (name, value) in environment ?? new Dictionary<string, string?>())
        {
            if (value is null)
            {
                start.Environment.Remove(name);
            }
            else
            {
                start.Environment[name] = value;
            }
        }

        using var process = Process.Start(start)!;
        var stdout = new StringBuilder();
        var stderr = new StringBuilder();
        var outDone = Pump(process.StandardOutput, stdout);
        var errDone = Pump(process.StandardError, stderr);
        if (whileRunning is not null)
        {
            await whileRunning(process, stdout);
        }

        using var limit = new CancellationTokenSource(timeout ?? TimeSpan.FromMinutes(3));
        try
        {
            await process.WaitForExitAsync(limit.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{string.Join(' ', start.ArgumentList)} did not finish; output so far:\n{stdout}\n{stderr}");
        }

        await Task.WhenAll(outDone, errDone);
        return new CakeRun(process.ExitCode, stdout.ToString(), stderr.ToString());
    }

    /// <summary>Waits until the output so far contains a text; fails at once if the process ended without it.</summary>
    public static async Task WaitForAsync(Process process, StringBuilder output, string text, TimeSpan? timeout = null)
    {
        var until = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(60));
        while (true)
        {
            lock (output)
            {
                if (output.ToString().Contains(text, StringComparison.Ordinal))
                {
                    return;
                }
            }

            if (process.HasExited || DateTime.UtcNow > until)
            {
                throw new TimeoutException($"'{text}' did not appear in:\n{output}");
            }

            await Task.Delay(25);
        }
    }

    /// <summary>Sends a POSIX signal (INT or TERM) to a process, through libc: no kill binary needed.</summary>
    public static Task SignalAsync(Process process, string signal)
    {
        var number = signal switch
        {
            "INT" => 2,
            "TERM" => 15,
            _ => throw new ArgumentOutOfRangeException(nameof(signal), signal, "INT or TERM"),
        };
        if (Kill(process.Id, number) != 0)
        {
            throw new InvalidOperationException($"kill({process.Id}, {number}) failed: errno {System.Runtime.InteropServices.Marshal.GetLastPInvokeError()}");
        }

        return Task.CompletedTask;
    }

    [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int signal);

    private static async Task Pump(StreamReader reader, StringBuilder target)
    {
        var buffer = new char[4096];
        int read;
        while ((read = await reader.ReadAsync(buffer)) > 0)
        {
            lock (target)
            {
                target.Append(buffer, 0, read);
            }
        }
    }
}
