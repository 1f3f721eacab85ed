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
    /// <param name="recent">The last lines the runs wrote.</param>
    /// <param name="now">The time to compute elapsed times at.</param>
    public static IRenderable Render(IReadOnlyDictionary<string, RunReport> runs, IReadOnlyList<string> recent, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(runs);
        ArgumentNullException.ThrowIfNull(recent);
        IRenderable board = runs.Count switch
        {
            0 => new Text("waiting for the first run to start..."),
            1 => Phases(runs.Single().Value, now),
            _ => Pairs(runs, now),
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

    private static Rows Pairs(IReadOnlyDictionary<string, RunReport> runs, DateTimeOffset now)
    {
        var table = new Table().Border(TableBorder.Rounded);
        table.AddColumns("pair", "phase", "elapsed", "result");
        foreach (var (label, report) in runs.OrderBy(r => r.Key, StringComparer.Ordinal))
        {
            var phase = report.CurrentPhase is { } current ? current.Key() : report.IsFinished ? "done" : "waiting";
            var seconds = ((report.FinishedAt ?? now) - report.StartedAt).TotalSeconds;
            table.AddRow(new Text(OutsideText.OneLine(label)), new Text(phase), new Text(Durations.Short(seconds)), new Text(report.IsFinished ? OutsideText.OneLine(report.Verdict.Text) : string.Empty));
        }

        var done = runs.Values.Count(r => r.IsFinished);
        return new Rows(new Text(string.Create(CultureInfo.InvariantCulture, $"{done}/{runs.Count} pairs done")), table);
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
