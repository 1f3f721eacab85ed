using System.Diagnostics;
using MlNode.Tasks.Tests.Support;

namespace MlNode.Tasks.Tests.Live;

/// <summary>The live view, as a person sees it: the real ./build.sh in a real terminal (tmux), its screen read back.</summary>
[Collection("cake-addin")]
[Trait("Category", "Integration")]
public sealed class LiveViewTests : IDisposable
{
    private readonly TempDirectory _root = new();
    private readonly string _session = "mlnode-live-" + Guid.NewGuid().ToString("N")[..8];

    [Fact]
    public async Task Demo_OnAnInteractiveTerminal_ShowsThePhasesAndTheMeasurementWindowAsABar()
    {
        // Given: the Demo started in a terminal, outside CI
        Assert.SkipWhen(await TmuxAsync("-V") is null, "tmux is not installed, so no terminal can be watched here");
        var command = $"cd '{RepositoryPaths.Root}' && env -u CI ./build.sh --target=Demo --measure-seconds=4 '--experiments-root={_root.Path}'; echo EXIT=$?; sleep 120";
        Assert.NotNull(await TmuxAsync("new-session", "-d", "-s", _session, "-x", "160", "-y", "50", command));

        // When: the screen is read while it runs and after it ended
        var sawBar = false;
        var sawPhases = false;
        var screen = string.Empty;
        var deadline = DateTime.UtcNow.AddSeconds(120);
        while (DateTime.UtcNow < deadline && !screen.Contains("EXIT=", StringComparison.Ordinal))
        {
            screen = await TmuxAsync("capture-pane", "-p", "-t", _session) ?? string.Empty;
            sawBar |= screen.Contains("window [#", StringComparison.Ordinal);
            sawPhases |= screen.Contains("[3/4] throughput │ running", StringComparison.Ordinal);
            await Task.Delay(200);
        }

        var history = await TmuxAsync("capture-pane", "-p", "-S", "-300", "-t", _session) ?? string.Empty;

        // Then: the phases table with the running phase and the window's bar, then the plain summary and exit 0
        Assert.True(sawPhases, "the phases table never showed throughput running:\n" + history);
        Assert.True(sawBar, "the measurement window's bar never showed:\n" + history);
        Assert.Contains("│ [4/4] validate   │ done", history);
        Assert.Contains("verdict: PASS", history);
        Assert.Contains("EXIT=0", history);
    }

    public void Dispose()
    {
        _ = TmuxAsync("kill-session", "-t", _session).GetAwaiter().GetResult();
        _root.Dispose();
    }

    private static async Task<string?> TmuxAsync(params string[] arguments)
    {
        var start = new ProcessStartInfo("tmux") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        try
        {
            using var process = Process.Start(start)!;
            var output = await process.StandardOutput.ReadToEndAsync();
            await process.WaitForExitAsync();
            return process.ExitCode == 0 ? output : null;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null;
        }
    }
}
