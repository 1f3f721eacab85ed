using Spectre.Console;
using Spectre.Console.Rendering;

namespace MlNode.Tasks.Live;

/// <summary>
/// The live region at the bottom of the terminal: redrawn four times a second from the runs' own state (their
/// reports), so it shows what is happening without any phase having to report to it. Its last frame stays on screen.
/// </summary>
internal sealed class LiveBoard : IAsyncDisposable
{
    private static readonly TimeSpan Refresh = TimeSpan.FromMilliseconds(250);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    /// <summary>Starts the view.</summary>
    /// <param name="console">Spectre's console (the terminal).</param>
    /// <param name="view">Renders the current state.</param>
    public LiveBoard(IAnsiConsole console, Func<IRenderable> view)
    {
        ArgumentNullException.ThrowIfNull(console);
        ArgumentNullException.ThrowIfNull(view);
        _loop = console.Live(view()).AutoClear(false).Overflow(VerticalOverflow.Ellipsis).StartAsync(async context =>
        {
            while (!_stop.IsCancellationRequested)
            {
                context.UpdateTarget(view());
                try
                {
                    await Task.Delay(Refresh, TimeProvider.System, _stop.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    // Stopped: draw the last frame below.
                }
            }

            context.UpdateTarget(view());
        });
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        await _loop.ConfigureAwait(false);
        _stop.Dispose();
    }
}
