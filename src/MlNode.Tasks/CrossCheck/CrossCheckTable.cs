using System.Globalization;
using System.Text;
using MlNode.Tasks.Common;

namespace MlNode.Tasks.CrossCheck;

/// <summary>
/// crosscheck_report.txt and the console: per model, the matrix as a table (generator rows, validator columns,
/// mismatches/N and the verdict), the distances per pair against the threshold, and what is incompatible.
/// Node ids, hardware names and errors are outside text: kept on their line.
/// </summary>
internal static class CrossCheckTable
{
    /// <summary>Renders every matrix, the node issues and the exit code.</summary>
    public static string Render(CrossCheckRun run)
    {
        ArgumentNullException.ThrowIfNull(run);
        var text = new StringBuilder();
        foreach (var matrix in run.Matrices)
        {
            Matrix(text, matrix);
        }

        if (run.Matrices.Count == 0)
        {
            text.AppendLine("no matrix ran: no model had a node ready (see the node issues below)");
        }

        foreach (var row in run.NodeIssues)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"node issue: {OutsideText.LogLine(row.NodeId)} {OutsideText.LogLine(row.Model)}: {row.StatusText}: {OutsideText.LogLine(row.Reason)}");
        }

        foreach (var left in run.LeftOut)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"left out: {OutsideText.LogLine(left.NodeId)} ({OutsideText.LogLine(left.Hardware)}): " +
                $"{OutsideText.LogLine(left.StandIn)} stands for its class (--cross=all takes every node)");
        }

        var incompatible = run.Incompatible.ToList();
        foreach (var cause in run.Causes)
        {
            text.AppendLine("cause: " + OutsideText.LogLine(cause));
        }

        text.AppendLine(incompatible.Count == 0 ? "incompatible pairs: none" : "incompatible pairs:");
        foreach (var line in incompatible)
        {
            text.AppendLine("  " + OutsideText.LogLine(line));
        }

        text.AppendLine(CultureInfo.InvariantCulture, $"cross-check exit code {run.ExitCode}");
        return text.ToString();
    }

    private static void Matrix(StringBuilder text, CrossMatrix matrix)
    {
        var plan = matrix.Plan;
        var st = plan.StatTest;
        var threshold = plan.Golden.Header.Scheme == PoC.PocScheme.Decode ? "decode, τ" : "dist_threshold";
        text.Append(CultureInfo.InvariantCulture, $"{OutsideText.LogLine(plan.Model.Value)}: golden {OutsideText.LogLine(plan.GoldenDisplay)}, ")
            .AppendLine(CultureInfo.InvariantCulture, $"{threshold} {st.DistThreshold} p_mismatch {st.PMismatch} fraud_threshold {st.FraudThreshold}, " +
                $"{plan.Nonces.Count} nonces, {matrix.Seconds:0.0}s");
        var sources = matrix.Sources;
        var labels = sources.Select(s => OutsideText.LogLine(s == CrossSchedule.Golden ? s : $"{s} ({matrix.ShownHardware(s)})")).ToList();
        var cells = sources.Select(g => sources.Select(v => g == v ? "-" : Cell(matrix.Cell(g, v))).ToList()).ToList();
        var first = Math.Max("generator \\ validator".Length, labels.Max(l => l.Length));
        var widths = sources.Select((_, j) => Math.Max(labels[j].Length, cells.Max(row => row[j].Length))).ToList();
        text.Append("generator \\ validator".PadRight(first));
        for (var j = 0; j < sources.Count; j++)
        {
            text.Append("  ").Append(labels[j].PadRight(widths[j]));
        }

        text.AppendLine();
        for (var i = 0; i < sources.Count; i++)
        {
            text.Append(labels[i].PadRight(first));
            for (var j = 0; j < sources.Count; j++)
            {
                text.Append("  ").Append(cells[i][j].PadRight(widths[j]));
            }

            text.AppendLine();
        }

        if (matrix.Tau is { } tau)
        {
            Tau(text, tau);
        }
        else
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"distances (L2 per nonce: median / p99 / max; nonces beyond {st.DistThreshold}):");
            foreach (var d in matrix.Distances)
            {
                var s = d.Summary;
                text.Append(CultureInfo.InvariantCulture, $"  {OutsideText.LogLine(d.First)} ~ {OutsideText.LogLine(d.Second)}: ")
                    .AppendLine(CultureInfo.InvariantCulture, $"{F(s.Median)} / {F(s.P99)} / {F(s.Max)}, {s.Above}/{s.Compared} beyond");
            }
        }

        text.AppendLine();
    }

    // The decode τ table: per ordered class pair the honest margins, and the τ no pair reaches fraud at.
    private static void Tau(StringBuilder text, TauCalibration tau)
    {
        var st = tau.StatTest;
        text.Append("τ calibration (decode; claimed margins of the nonces with a differing step: median / p95 / max; ")
            .AppendLine(CultureInfo.InvariantCulture, $"p_mismatch {st.PMismatch}, fraud_threshold {st.FraudThreshold}):");
        foreach (var pair in tau.Pairs)
        {
            text.Append(CultureInfo.InvariantCulture, $"  {OutsideText.LogLine(pair.Generator)} -> {OutsideText.LogLine(pair.Validator)}: ")
                .Append(CultureInfo.InvariantCulture, $"{pair.Differing}/{pair.Compared} nonces with a differing step, ")
                .Append(CultureInfo.InvariantCulture, $"margins {F(pair.Quantile(0.5))} / {F(pair.Quantile(0.95))} / {F(pair.Quantile(1))}; ")
                .AppendLine(CultureInfo.InvariantCulture, $"at τ {st.DistThreshold}: {pair.MismatchesAtTau} mismatches of {pair.Allowed} allowed; τ needed {F(pair.TauNeeded)}");
        }

        text.AppendLine(tau.Tightest is { } tightest
            ? string.Create(
                CultureInfo.InvariantCulture,
                $"τ needed: {F(tau.TauNeeded)} (set by {OutsideText.LogLine(tightest.Generator)} -> {OutsideText.LogLine(tightest.Validator)}): " +
                $"below it an honest pair reads as fraud at p_mismatch {st.PMismatch}")
            : "τ needed: 0 (no pair disagreed on any step)");
        text.AppendLine(tau.Headroom >= 0
            ? string.Create(
                CultureInfo.InvariantCulture,
                $"fraud margin at τ {st.DistThreshold}: the tightest pair has {tau.Headroom} mismatch{(tau.Headroom == 1 ? string.Empty : "es")} to spare before the fraud test fires")
            : string.Create(
                CultureInfo.InvariantCulture,
                $"fraud margin at τ {st.DistThreshold}: none: an honest pair already reads as fraud ({-tau.Headroom} mismatches too many); raise τ to at least {F(tau.TauNeeded)}"));
    }

    private static string Cell(CrossCell? cell) => cell switch
    {
        null => "?",
        { Status: CrossCellStatus.Pass or CrossCellStatus.Fail } => $"{cell.StatusText} {cell.NMismatch}/{cell.NTotal}",
        _ => cell.StatusText,
    };

    private static string F(double? value) => value is { } v ? (double.IsFinite(v) ? v.ToString("0.0000", CultureInfo.InvariantCulture) : "inf") : "-";
}
