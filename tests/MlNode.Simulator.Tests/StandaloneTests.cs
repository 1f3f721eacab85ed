using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text;

namespace MlNode.Simulator.Tests;

/// <summary>The standalone simulator process: one-line option errors, and SIGTERM handled by the host's lifetime.</summary>
[Trait("Category", "Integration")]
public sealed class StandaloneTests
{
    private static string Assembly => Path.Combine(AppContext.BaseDirectory, "MlNode.Simulator.dll");

    [Fact]
    public async Task Main_Sigterm_StopsGracefullyWithExitZero()
    {
        Assert.SkipUnless(OperatingSystem.IsLinux() || OperatingSystem.IsMacOS(), "POSIX signals");

        // Given: a standalone simulator on an ephemeral loopback port.
        using var process = Start("--port=0");
        var output = new StringBuilder();
        process.OutputDataReceived += (_, e) => { lock (output) { output.AppendLine(e.Data); } };
        process.BeginOutputReadLine();
        await WaitForAsync(output, "MLNode simulator listening on http://127.0.0.1:");

        // When
        Assert.Equal(0, Kill(process.Id, 15));
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        await process.WaitForExitAsync(limit.Token);

        // Then
        Assert.Equal(0, process.ExitCode);
        lock (output)
        {
            Assert.Contains("MLNode simulator stopped.", output.ToString());
        }
    }

    [Fact]
    public async Task Main_BadOption_IsOneErrorLineAndExitOne()
    {
        using var process = Start("--gpus=many");
        var stderr = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();

        Assert.Equal(1, process.ExitCode);
        Assert.Equal("ERROR: --gpus=many must be a whole number between 1 and 4096", stderr.Trim());
    }

    private static Process Start(params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(Assembly);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        return Process.Start(start)!;
    }

    private static async Task WaitForAsync(StringBuilder output, string text)
    {
        for (var i = 0; i < 400; i++)
        {
            lock (output)
            {
                if (output.ToString().Contains(text, StringComparison.Ordinal))
                {
                    return;
                }
            }

            await Task.Delay(50);
        }

        throw new TimeoutException($"'{text}' did not appear in:\n{output}");
    }

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int signal);
}
