using System.Globalization;
using System.Text;
using MlNode.Tasks.CrossCheck;

namespace MlNode.Tasks.Ci;

/// <summary>A cross-check on a CI run's summary page: each model's matrix as a Markdown table, the incompatible pairs, and step outputs.</summary>
internal static class CrossCheckSummary
{
    /// <summary>The summary's Markdown.</summary>
    public static string Render(CrossCheckRun run)
    {
        ArgumentNullException.ThrowIfNull(run);
        var text = new StringBuilder();
        var incompatible = run.Incompatible.ToList();
        var icon = run.ExitCode switch { 0 => "✅", 2 => "❌", _ => "🛑" };
        text.AppendLine(CultureInfo.InvariantCulture, $"### MLNode cross-hardware check: " +
            $"{icon} {(incompatible.Count == 0 ? "no incompatible pair" : $"{incompatible.Count} incompatible pair(s)")} (exit {run.ExitCode})");
        text.AppendLine();
        foreach (var line in incompatible)
        {
            text.AppendLine("- " + MarkdownSummary.Cell(line));
        }

        foreach (var matrix in run.Matrices)
        {
            text.AppendLine().AppendLine(CultureInfo.InvariantCulture, $"**{MarkdownSummary.Cell(matrix.Plan.Model.Value)}** (rows generate, columns validate; mismatches/nonces)").AppendLine();
            var sources = matrix.Sources;
            text.Append("| generator \\ validator |");
            foreach (var v in sources)
            {
                text.Append(' ').Append(Name(matrix, v)).Append(" |");
            }

            text.AppendLine().Append("|---|").AppendLine(string.Concat(sources.Select(_ => "---|")));
            foreach (var g in sources)
            {
                text.Append("| ").Append(Name(matrix, g)).Append(" |");
                foreach (var v in sources)
                {
                    var cell = g == v ? null : matrix.Cell(g, v);
                    text.Append(' ').Append(g == v ? "–" : cell is { Status: CrossCellStatus.Pass or CrossCellStatus.Fail }
                        ? $"{cell.StatusText} {cell.NMismatch}/{cell.NTotal}" : cell?.StatusText ?? "?").Append(" |");
                }

                text.AppendLine();
            }
        }

        foreach (var row in run.NodeIssues)
        {
            var reason = MarkdownSummary.Cell(MarkdownSummary.Cut(row.Reason ?? string.Empty, 300));
            text.AppendLine().Append("- ").Append(row.StatusText).Append(' ').Append(MarkdownSummary.Cell(row.NodeId)).Append(": ").AppendLine(reason);
        }

        return text.ToString();
    }

    /// <summary>The step outputs: the exit code, the folder and how many pairs are incompatible.</summary>
    public static IReadOnlyList<KeyValuePair<string, string>> Outputs(CrossCheckRun run)
    {
        ArgumentNullException.ThrowIfNull(run);
        return
        [
            new("exit_code", run.ExitCode.ToString(CultureInfo.InvariantCulture)),
            new("incompatible", run.Incompatible.Count().ToString(CultureInfo.InvariantCulture)),
            new("crosscheck_dir", StepOutputs.SingleLine(run.Directory)),
        ];
    }

    private static string Name(CrossMatrix matrix, string source) =>
        MarkdownSummary.Cell(source == CrossSchedule.Golden ? source : $"{source} ({matrix.ShownHardware(source)})");
}
