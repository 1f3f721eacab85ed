using MlNode.Tasks.Common;
using MlNode.Tasks.Configuration;
using MlNode.Tasks.Gates;

namespace MlNode.Tasks.Cake;

/// <summary>Compare: two runs' reports side by side and their differences; no node is contacted.</summary>
internal static class CompareTask
{
    /// <summary>
    /// Reads both sides, so that every input error is found before the graph runs (one ERROR line, no Cake failure
    /// block), and returns the comparison to print.
    /// </summary>
    public static Func<string> Load(SettingsSources sources)
    {
        var reader = new SettingReader(sources);
        // A golden reference is a file of vectors (vector_b64); a run is a report or its folder.
        string? ReferencePath(ArgumentDefinition argument) =>
            reader.Text(argument) is { } given && sources.FullPath(given) is var path && File.Exists(path) && !Directory.Exists(path) &&
            FileKind.Problem(path) is null && new FileInfo(path).Length < 512L * 1024 * 1024 && LooksLikeReference(path) ? path : null;

        BaselineRun Read(ArgumentDefinition argument)
        {
            var path = reader.Text(argument) ?? throw new InputException($"Compare needs --{argument.Name}=<validate_report.json or experiment folder>, e.g. --{argument.Name}={argument.Example}");
            return BaselineReports.Load(sources.FullPath(path), "--" + argument.Name);
        }

        // Two golden references compare offline by their vectors; two runs by their reports.
        if (ReferencePath(MlNodeArguments.From) is { } fromReference && ReferencePath(MlNodeArguments.To) is { } toReference)
        {
            var first = References.ReferenceReader.Load(fromReference);
            var second = References.ReferenceReader.Load(toReference);
            var statTest = StatTestSettings.Resolve(first.Header, reader.Number(MlNodeArguments.Threshold)?.Value, reader.Number(MlNodeArguments.PMismatch)?.Value,
                reader.Number(MlNodeArguments.FraudThreshold)?.Value);
            return () => string.Join('\n', Verification.ReferenceComparison.Render(first, second, statTest.Parameters));
        }

        var from = Read(MlNodeArguments.From);
        var to = Read(MlNodeArguments.To);
        return () => RunComparison.Render(from, to);
    }

    private static bool LooksLikeReference(string path)
    {
        using var stream = File.OpenRead(path);
        var head = new byte[64 * 1024];
        var read = stream.Read(head, 0, head.Length);
        var text = System.Text.Encoding.UTF8.GetString(head, 0, read);
        return text.Contains("\"vector_b64\"", StringComparison.Ordinal);
    }
}
