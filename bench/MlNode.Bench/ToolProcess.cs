using System.Diagnostics;
using System.Text;

namespace MlNode.Bench;

/// <summary>One ./build.sh run: exit code, output, wall time, peak memory and when each output line appeared.</summary>
internal sealed record ToolRun(int ExitCode, string Stdout, string Stderr, double WallSeconds, long? PeakKilobytes, IReadOnlyList<(double At, string Line)> Lines)
{
    /// <summary>Gets the CPU the tool's processes used (user + system, from /usr/bin/time), or null when not measured.</summary>
    public double? CpuSeconds { get; init; }

    /// <summary>Gets the system part of <see cref="CpuSeconds"/>.</summary>
    public double? SystemCpuSeconds { get; init; }

    public string Output => Stdout + Stderr;

    /// <summary>Seconds from the start until the first line containing <paramref name="text"/>, or null.</summary>
    public double? FirstAt(string text) => Lines.FirstOrDefault(l => l.Line.Contains(text, StringComparison.Ordinal)).At is var at && Lines.Any(l => l.Line.Contains(text, StringComparison.Ordinal)) ? at : null;

    /// <summary>The last line that starts with ERROR:, or null.</summary>
    public string? ErrorLine => Stdout.Split('\n').Select(l => l.TrimEnd('\r')).LastOrDefault(l => l.StartsWith("ERROR:", StringComparison.Ordinal));
}

/// <summary>Runs the repository's ./build.sh as a separate process, as a user or a pipeline would.</summary>
internal static class ToolProcess
{
    public static string Root { get; } = FindRoot();

    /// <param name="arguments">Arguments for build.sh.</param>
    /// <param name="measureMemory">Wrap in /usr/bin/time to read the peak resident memory of the tool's process.</param>
    /// <param name="whileRunning">Called with the process and the lines so far (to signal or kill it).</param>
    /// <param name="environment">Extra environment variables.</param>
    public static async Task<ToolRun> RunAsync(
        IEnumerable<string> arguments,
        bool measureMemory = false,
        Func<Process, List<(double, string)>, Task>? whileRunning = null,
        IReadOnlyDictionary<string, string>? environment = null)
    {
        var timeFile = Path.GetTempFileName();
        var useTime = measureMemory && File.Exists("/usr/bin/time");
        var start = new ProcessStartInfo(useTime ? "/usr/bin/time" : "bash")
        {
            WorkingDirectory = Root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        if (useTime)
        {
            foreach (var a in new[] { "-o", timeFile, "-f", "%M %U %S", "bash" })
            {
                start.ArgumentList.Add(a);
            }
        }

        start.ArgumentList.Add(Path.Combine(Root, "build.sh"));
        foreach (var a in arguments)
        {
            start.ArgumentList.Add(a);
        }

        start.Environment["NO_COLOR"] = "1";
        foreach (var (k, v) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[k] = v;
        }

        var watch = Stopwatch.StartNew();
        using var process = Process.Start(start)!;
        var lines = new List<(double, string)>();
        var stdout = new StringBuilder();
        var stderr = new StringBuilder();
        var outTask = Task.Run(async () =>
        {
            while (await process.StandardOutput.ReadLineAsync() is { } line)
            {
                lock (lines)
                {
                    lines.Add((watch.Elapsed.TotalSeconds, line));
                    stdout.AppendLine(line);
                }
            }
        });
        var errTask = Task.Run(async () => stderr.Append(await process.StandardError.ReadToEndAsync()));
        if (whileRunning is not null)
        {
            await whileRunning(process, lines);
        }

        await process.WaitForExitAsync();
        await Task.WhenAll(outTask, errTask);
        var wall = watch.Elapsed.TotalSeconds;
        long? peak = null;
        double? cpu = null, system = null;
        var measured = useTime ? File.ReadAllText(timeFile).Trim().Split('\n').Last().Split(' ') : [];
        if (measured.Length == 3 && long.TryParse(measured[0], out var kb))
        {
            peak = kb;
            var user = double.Parse(measured[1], System.Globalization.CultureInfo.InvariantCulture);
            system = double.Parse(measured[2], System.Globalization.CultureInfo.InvariantCulture);
            cpu = user + system;
        }

        File.Delete(timeFile);
        return new ToolRun(process.ExitCode, stdout.ToString(), stderr.ToString(), wall, peak, lines) { CpuSeconds = cpu, SystemCpuSeconds = system };
    }

    /// <summary>Waits until a line containing <paramref name="text"/> has appeared (or the process ended).</summary>
    public static async Task WaitForLineAsync(Process process, List<(double, string)> lines, string text, TimeSpan? timeout = null)
    {
        var until = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(60));
        while (!process.HasExited && DateTime.UtcNow < until)
        {
            lock (lines)
            {
                if (lines.Any(l => l.Item2.Contains(text, StringComparison.Ordinal)))
                {
                    return;
                }
            }

            await Task.Delay(10);
        }
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "build.sh")) && File.Exists(Path.Combine(dir.FullName, "cake.config")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("cannot find the repository root (build.sh)");
    }
}
