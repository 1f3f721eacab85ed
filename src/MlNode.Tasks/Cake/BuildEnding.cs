using MlNode.Tasks.Common;

namespace MlNode.Tasks.Cake;

/// <summary>
/// The one way out of the process. Cake alone can exit only 0 or 1 and prints its task table on standard output
/// after the graph; the contract needs 0 / 2 / 1 / 130 and, with --output=json, nothing but the report there. So
/// the build ends here once its last pass is torn down: report JSON, demo nodes stopped, streams flushed, exit.
/// </summary>
internal sealed class BuildEnding(BuildConsole console, SecretRedactor redactor, Action<int> exit)
{
    /// <summary>Gets or sets the embedded nodes of Demo or FleetDemo, stopped on the way out.</summary>
    public IAsyncDisposable? Demo { get; set; }

    public void Exit(BuildResults results) => Exit(results.ExitCode, results);

    public void Exit(int code, BuildResults results)
    {
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
        exit(code);
    }
}
