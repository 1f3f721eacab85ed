using Cake.Core;

namespace MlNode.Tasks.Common;

/// <summary>What kind of thing ended a run or a task.</summary>
internal enum FailureKind
{
    /// <summary>Bad input from the caller: arguments, configuration, files.</summary>
    Input,

    /// <summary>An expected failure with its own one-line message: a node, a phase, a file that cannot be written.</summary>
    Known,

    /// <summary>Ctrl-C or SIGTERM.</summary>
    Interrupted,

    /// <summary>A Cake alias the script called failed (dotnet test, a tool): an ordinary task failure.</summary>
    Tool,

    /// <summary>Anything else: a bug of this tool, said as such, with its stack trace kept as detail (never on the console).</summary>
    Bug,
}

/// <summary>
/// The one reading of an exception: its kind, its one-line message (no <c>ERROR:</c> prefix, no stack trace), the exit
/// code it means, and detail lines. Every place that turns an exception into output asks this (the build's ERROR
/// line, a run's report, a bake's last line), so a failure reads and exits the same wherever it surfaces.
/// </summary>
/// <param name="Kind">What kind of failure.</param>
/// <param name="Message">The one line.</param>
/// <param name="ExitCode">The exit code it means.</param>
/// <param name="Detail">Extra lines shown after the message (an input error's advice), or null.</param>
/// <param name="Trace">A bug's full exception text, for a report's detail; never printed.</param>
internal sealed record Failure(FailureKind Kind, string Message, int ExitCode, string? Detail = null, string? Trace = null)
{
    /// <summary>Classifies an exception (an AggregateException of one is read through).</summary>
    public static Failure Of(Exception error)
    {
        ArgumentNullException.ThrowIfNull(error);
        if (error is AggregateException { InnerExceptions.Count: 1 } single)
        {
            error = single.InnerExceptions[0];
        }

        return error switch
        {
            InputException input => new(FailureKind.Input, input.Message, input.ExitCode, input.Detail),
            RunInterruptedException interrupted => new(FailureKind.Interrupted, interrupted.Message, ExitCodes.Interrupted),
            OperationCanceledException => new(FailureKind.Interrupted, "interrupted (Ctrl-C / SIGTERM)", ExitCodes.Interrupted),
            MlNodeException known => new(FailureKind.Known, known.Message, known.ExitCode),
            HttpRequestException http => new(FailureKind.Known, http.Message, ExitCodes.Error),
            // A file that cannot be read or parsed is the environment's or the file's fault, said in its first line.
            IOException or UnauthorizedAccessException or Newtonsoft.Json.JsonException =>
                new(FailureKind.Known, error.Message.Split(Environment.NewLine)[0], ExitCodes.Error),
            CakeException cake => new(FailureKind.Tool, cake.Message, ExitCodes.Error),
            _ => new(FailureKind.Bug, $"unexpected internal error ({error.GetType().Name}: {error.Message}); this is a bug", ExitCodes.Error, Trace: error.ToString()),
        };
    }
}
