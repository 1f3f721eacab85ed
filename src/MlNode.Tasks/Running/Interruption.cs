using System.Runtime.InteropServices;

namespace MlNode.Tasks.Running;

/// <summary>
/// Turns Ctrl-C (SIGINT) and SIGTERM into a cancellation the phases observe: generation is stopped, the partial
/// report is written, and the build exits 130. A second signal is left to its default action, which ends the process
/// at once (130 after SIGINT, 143 after SIGTERM): the library itself never exits.
/// </summary>
internal sealed class Interruption : IDisposable
{
    private readonly CancellationTokenSource _source = new();
    private readonly PosixSignalRegistration? _sigterm;
    private readonly Action<string> _notify;
    private int _signals;

    /// <summary>Installs the handlers.</summary>
    /// <param name="notify">Receives a line when a signal arrives.</param>
    public Interruption(Action<string> notify)
    {
        _notify = notify;
        Console.CancelKeyPress += OnCancelKeyPress;
        try
        {
            _sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSigterm);
        }
        catch (PlatformNotSupportedException)
        {
            _sigterm = null;
        }
    }

    /// <summary>Gets the token that fires on the first signal.</summary>
    public CancellationToken Token => _source.Token;

    /// <summary>Gets whether a signal arrived.</summary>
    public bool Requested => _source.IsCancellationRequested;

    /// <inheritdoc />
    public void Dispose()
    {
        Console.CancelKeyPress -= OnCancelKeyPress;
        _sigterm?.Dispose();
        _source.Dispose();
    }

    private void OnCancelKeyPress(object? sender, ConsoleCancelEventArgs e)
    {
        e.Cancel = Signal("Ctrl-C");
    }

    private void OnSigterm(PosixSignalContext context)
    {
        context.Cancel = Signal("SIGTERM");
    }

    // True when the signal is taken over (the first: the run stops cleanly); false lets the second end the process.
    private bool Signal(string name)
    {
        if (Interlocked.Increment(ref _signals) > 1)
        {
            _notify($"{name} again: exiting now without waiting for cleanup");
            return false;
        }

        _notify($"{name} received: stopping generation and writing the partial report (press again to exit at once)");
        _source.Cancel();
        return true;
    }
}
