using MlNode.Tasks.Common;
using Spectre.Console;

namespace MlNode.Tasks.Cake;

/// <summary>
/// How a build ends. The contract needs exit codes 0 / 2 / 1 / 130 and, with --output=json, nothing but the report on
/// standard output, while Cake prints its task table after the graph and exits 0 or 1. So once the last pass is torn
/// down the ending writes the report JSON, stops the demo nodes, flushes, and mutes Cake's consoles (its Spectre
/// console, where the table goes, and the process console, where its log goes) for the rest of Cake's run; <see cref="MlNodeBuild.Run"/> gives the console back and returns the
/// code, and the script ends the process with it.
/// </summary>
internal sealed class BuildEnding(BuildConsole console, SecretRedactor redactor)
{
    private (TextWriter Out, TextWriter Error, IAnsiConsoleOutput Ansi)? _muted;
    private int? _code;

    /// <summary>Gets or sets the embedded nodes of Demo or FleetDemo, stopped on the way out.</summary>
    public IAsyncDisposable? Demo { get; set; }

    public int Finish(BuildResults results) => Finish(results.ExitCode, results);

    /// <summary>Ends the build once (a second call returns the first code): report JSON, demo nodes, streams, console.</summary>
    public int Finish(int code, BuildResults results)
    {
        if (_code is { } ended)
        {
            return ended;
        }

        if (console.Json is { } json && results.Output is { } output)
        {
            json.Write(redactor.Redact(output));
        }
        else if (console.Json is { } reportJson && results.JsonDocument() is { } document)
        {
            reportJson.Write(redactor.Redact(DocumentJson.Serialize(document)));
        }

        if (Demo is not null)
        {
            Demo.DisposeAsync().AsTask().GetAwaiter().GetResult();
            Demo = null;
        }

        console.Flush();
        _muted = (Console.Out, Console.Error, AnsiConsole.Console.Profile.Out);
        AnsiConsole.Console.Profile.Out = new AnsiConsoleOutput(TextWriter.Null);
        Console.SetOut(TextWriter.Null);
        Console.SetError(TextWriter.Null);
        _code = code;
        return code;
    }

    /// <summary>Gives the process console back to whoever runs after the graph (the script's last lines).</summary>
    public void Unmute()
    {
        if (_muted is { } writers)
        {
            Console.SetOut(writers.Out);
            Console.SetError(writers.Error);
            AnsiConsole.Console.Profile.Out = writers.Ansi;
            _muted = null;
        }
    }
}
