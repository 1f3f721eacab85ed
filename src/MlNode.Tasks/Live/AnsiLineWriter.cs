using System.Text;
using Spectre.Console;

namespace MlNode.Tasks.Live;

/// <summary>
/// The run's lines on a terminal with the live view. While the view is up, the lines are kept (the last few are shown
/// inside the view: Spectre cannot print rows above a live region that is being redrawn without leaving stale rows);
/// once it is down they are printed as usual. Each line is plain text (never markup): a node's text is shown, not
/// interpreted.
/// </summary>
internal sealed class AnsiLineWriter(IAnsiConsole console) : TextWriter
{
    private const int Kept = 8;
    private readonly object _gate = new();
    private readonly Queue<string> _recent = new();
    private readonly StringBuilder _line = new();
    private bool _held;

    public override Encoding Encoding => Encoding.UTF8;

    /// <summary>Gets the last lines written while the view was up, oldest first.</summary>
    public IReadOnlyList<string> Recent
    {
        get
        {
            lock (_gate)
            {
                return [.. _recent];
            }
        }
    }

    /// <summary>Holds the lines for the view (true) or prints them (false).</summary>
    public void Hold(bool held)
    {
        lock (_gate)
        {
            _held = held;
            _recent.Clear();
        }
    }

    public override void Write(char value)
    {
        lock (_gate)
        {
            if (value == '\n')
            {
                Emit();
            }
            else if (value != '\r')
            {
                _line.Append(value);
            }
        }
    }

    public override void WriteLine(string? value)
    {
        lock (_gate)
        {
            _line.Append(value);
            Emit();
        }
    }

    public override void Flush()
    {
    }

    private void Emit()
    {
        var text = _line.ToString();
        _line.Clear();
        if (!_held)
        {
            console.WriteLine(text, Style.Plain);
            return;
        }

        _recent.Enqueue(text);
        while (_recent.Count > Kept)
        {
            _recent.Dequeue();
        }
    }
}
