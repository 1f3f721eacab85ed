using Spectre.Console;

namespace MlNode.Tasks.Live;

/// <summary>
/// The terminal of one invocation when a person watches it: the tool's lines go above a live board (the last few
/// held while it is up), and the board is drawn from a view of the runs. Absent (null) everywhere else.
/// </summary>
internal sealed class LiveScreen : IDisposable
{
    private readonly IAnsiConsole _console = AnsiConsole.Console;
    private LiveBoard? _board;

    public LiveScreen()
    {
        Lines = new AnsiLineWriter(_console);
    }

    /// <summary>Gets the writer every human line goes through while the screen is live.</summary>
    public AnsiLineWriter Lines { get; }

    /// <summary>Shows the board, redrawn from <paramref name="render"/>, until <see cref="Stop"/>.</summary>
    public void Start(Func<IReadOnlyList<string>, Spectre.Console.Rendering.IRenderable> render)
    {
        ArgumentNullException.ThrowIfNull(render);
        Lines.Hold(true);
        _board = new LiveBoard(_console, () => render(Lines.Recent));
    }

    /// <summary>Takes the board down; its last frame stays and what follows (the summary) is printed below it.</summary>
    public void Stop()
    {
        if (_board is { } board)
        {
            _board = null;
            board.DisposeAsync().AsTask().GetAwaiter().GetResult();
            Lines.Hold(false);
        }
    }

    /// <inheritdoc />
    public void Dispose() => Stop();
}
