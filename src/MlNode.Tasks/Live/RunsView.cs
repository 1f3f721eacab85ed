using System.Globalization;
using MlNode.Tasks.Common;
using MlNode.Tasks.Configuration;
using MlNode.Tasks.Reports;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace MlNode.Tasks.Live;

/// <summary>
/// What the live view shows: one run as its phases (state, elapsed, and the measurement window as a bar of its known
/// length), several (a fleet) as a table of pairs with their phase, elapsed time and result as they finish.
/// </summary>
internal static class RunsView
{
    private const int BarWidth = 30;

    /// <summary>The view of the engine's runs at <paramref name="now"/>.</summary>
    /// <param name="runs">The engine's runs.</param>
    /// <param name="settled">The pairs planned and those that ended without a run (empty for a single run).</param>
    /// <param name="recent">The last lines the runs wrote.</param>
    /// <param name="now">The time to compute elapsed times at.</param>
    public static IRenderable Render(IReadOnlyDictionary<string, RunReport> runs, Engine.SettledPairs settled, IReadOnlyList<string> recent, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(runs);
        ArgumentNullException.ThrowIfNull(settled);
        ArgumentNullException.ThrowIfNull(recent);
        IRenderable board = (runs.Count, settled.Expected) switch
        {
            (0, 0) => new Text("waiting for the first run to start..."),
            (1, 0) => Phases(runs.Single().Value, now),
            _ => Pairs(runs, settled, now),
        };
        return new Rows([board, .. recent.Select(line => new Text(line, new Style(Color.Grey)))]);
    }

    private static Rows Phases(RunReport report, DateTimeOffset now)
    {
        var table = new Table().Border(TableBorder.Rounded);
        table.AddColumns("phase", "state", "elapsed", "detail");
        foreach (var phase in PhaseNames.InOrder)
        {
            var record = report.Phases[phase];
            table.AddRow(
                new Text(phase.Header()),
                new Markup(StateMarkup(record.State)),
                new Text(Elapsed(record, now)),
                new Text(Detail(report, phase, record, now)));
        }

        var state = report.IsFinished ? $"verdict: {report.Verdict.Text}" : "running";
        return new Rows(new Text(OutsideText.OneLine($"{report.Settings.Model} on {report.Settings.Node.Display}: {state}")), table);
    }

    private static Rows Pairs(IReadOnlyDictionary<string, RunReport> runs, Engine.SettledPairs settled, DateTimeOffset now)
    {
        var table = new Table().Border(TableBorder.Rounded);
        table.AddColumns("pair", "phase", "elapsed", "result");
        var rows = runs.Select(r => (Label: r.Key, Report: (RunReport?)r.Value, Result: (string?)null))
            .Concat(settled.Results.Where(s => !runs.ContainsKey(s.Key)).Select(s => (Label: s.Key, Report: (RunReport?)null, Result: (string?)s.Value)));
        foreach (var (label, report, result) in rows.OrderBy(r => r.Label, StringComparer.Ordinal))
        {
            if (report is null)
            {
                // Ended without a run: REFUSED for safety, or an ERROR before it could start.
                table.AddRow(new Text(OutsideText.OneLine(label)), new Text("-"), new Text("-"), new Text(OutsideText.OneLine(result ?? string.Empty)));
                continue;
            }

            var phase = report.CurrentPhase is { } current ? current.Key() : report.IsFinished ? "done" : "waiting";
            var seconds = ((report.FinishedAt ?? now) - report.StartedAt).TotalSeconds;
            table.AddRow(new Text(OutsideText.OneLine(label)), new Text(phase), new Text(Durations.Short(seconds)), new Text(report.IsFinished
                ? OutsideText.OneLine(report.Verdict.Text) : string.Empty));
        }

        // The same count as the log's progress line: every planned pair, whether or not it got a run.
        var withoutRun = settled.Results.Keys.Count(k => !runs.ContainsKey(k));
        var done = runs.Values.Count(r => r.IsFinished) + withoutRun;
        var total = Math.Max(settled.Expected, runs.Count + withoutRun);
        return new Rows(new Text(string.Create(CultureInfo.InvariantCulture, $"{done}/{total} pairs done")), table);
    }

    private static string Detail(RunReport report, Phase phase, PhaseRecord record, DateTimeOffset now)
    {
        if (phase == Phase.Throughput && record.State == PhaseState.Running && report.Throughput.WindowOpenedAt is { } opened)
        {
            var length = report.Settings.Sampling.MeasureSeconds.Value.TotalSeconds;
            var passed = Math.Clamp((now - opened).TotalSeconds, 0, length);
            var filled = (int)Math.Round(BarWidth * passed / length);
            return string.Create(CultureInfo.InvariantCulture, $"window [{new string('#', filled)}{new string('.', BarWidth - filled)}] {passed:0}/{length:0} s");
        }

        if (phase == Phase.Throughput && record.State == PhaseState.Running)
        {
            return "warm-up";
        }

        return OutsideText.OneLine(record.State == PhaseState.Skipped ? record.Reason : record.State == PhaseState.Failed ? report.Error : null);
    }

    private static string Elapsed(PhaseRecord record, DateTimeOffset now) =>
        record.ElapsedSeconds is { } seconds ? Durations.Short(seconds)
        : record.State == PhaseState.Running && record.StartedAt is { } started ? Durations.Short((now - started).TotalSeconds)
        : string.Empty;

    private static string StateMarkup(PhaseState state) => state switch
    {
        PhaseState.Running => "[yellow]running[/]",
        PhaseState.Completed => "[green]done[/]",
        PhaseState.Failed => "[red]failed[/]",
        PhaseState.Interrupted => "[red]interrupted[/]",
        PhaseState.Skipped => "[grey]skipped[/]",
        _ => "[grey]pending[/]",
    };
}
