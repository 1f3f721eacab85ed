using System.Globalization;
using System.Text;
using MlNode.Tasks.Configuration;
using MlNode.Tasks.PoC;
using static MlNode.Tasks.Reports.Html.Svg;

namespace MlNode.Tasks.Reports.Html;

/// <summary>
/// The report's charts as inline SVG drawn from the run: no script, no font, nothing loaded from anywhere. Every chart
/// carries a visible legend, axis titles with units and round ticks; values a reader needs are in the legend or on an
/// axis, never written over a bar or a line.
/// </summary>
internal static class HtmlCharts
{
    private const int Left = 150;
    private const int Plot = Width - Left - 30;

    /// <summary>One bar per phase on a common time axis; throughput's warm-up and measurement windows shaded.</summary>
    public static string Timeline(RunReport report)
    {
        var phases = PhaseNames.InOrder.Select(p => (Phase: p, Record: report.Phases[p])).ToList();
        var ticks = AxisTicks.UpTo(Math.Max(phases.Sum(p => p.Record.ElapsedSeconds ?? 0), 0.001));
        var total = ticks[^1];
        var entries = new List<LegendEntry> { new("phase ran", "phase-bar completed") };
        if (phases.Any(p => p.Record.State is PhaseState.Failed or PhaseState.Interrupted))
        {
            entries.Add(new("phase failed or interrupted", "phase-bar failed"));
        }

        if (report.Throughput.Summary is not null)
        {
            entries.Add(new("throughput warm-up", "phase-bar completed", Overlay: "window warmup"));
            entries.Add(new("throughput measurement window", "phase-bar completed", Overlay: "window measure"));
        }

        var (legend, rows) = SvgLegend.Draw(Left, 6, entries);
        var top = 12 + (rows * SvgLegend.RowHeight);
        var bottom = top + (phases.Count * 34);
        var svg = new StringBuilder(Open(bottom + 46, "phase timeline"));
        svg.Append(legend);
        var start = 0.0;
        var y = top;
        foreach (var (phase, record) in phases)
        {
            svg.Append(Text(8, y + 18, phase.Header()));
            var seconds = record.ElapsedSeconds ?? 0;
            if (record.State is PhaseState.Skipped or PhaseState.Pending)
            {
                svg.Append(Text(Left, y + 18, record.State == PhaseState.Skipped ? $"skipped ({record.Reason})" : "not reached", "label skipped"));
            }
            else
            {
                var x = Left + (start / total * Plot);
                var w = Math.Max(seconds / total * Plot, 2);
                var state = record.State.ToString().ToLowerInvariant();
                svg.Append(Rect(x, y + 4, w, 20, $"phase-bar {state}", string.Create(CultureInfo.InvariantCulture, $"{phase.Key()}: {seconds:0.0} s ({state})")));
                if (phase == Phase.Throughput && report.Throughput.Summary is { } summary)
                {
                    var warmup = Math.Min(report.Settings.Sampling.WarmupSeconds.Value.TotalSeconds, seconds);
                    svg.Append(Rect(x, y + 4, warmup / total * Plot, 20, "window warmup", $"warm-up {warmup:0.0} s"));
                    svg.Append(Rect(x + (warmup / total * Plot), y + 4, Math.Min(summary.WindowSeconds, seconds - warmup) / total * Plot, 20, "window measure", $"measurement window " +
                        $"{summary.WindowSeconds:0.0} s"));
                }

                // The duration sits in the label column, where it can never be drawn over a bar.
                svg.Append(Text(Left - 8, y + 18, string.Create(CultureInfo.InvariantCulture, $"{seconds:0.0} s"), "axis", "end"));
                start += seconds;
            }

            y += 34;
        }

        svg.Append(XAxis(bottom, ticks, t => $"{N(t)} s", "seconds since the run started"));
        return svg.Append("</svg>").ToString();
    }

    /// <summary>Summed nonces/s per sample, one line per replica, the counter-based rate and the baseline as reference lines, the min/max band.</summary>
    public static string Throughput(RunReport report)
    {
        var t = report.Throughput;
        if (t.Summary is not { } summary || t.Samples.Count == 0)
        {
            return "<p class=\"muted\">throughput was not measured</p>";
        }

        var baseline = report.Settings.Gates.Baseline?.Report.Throughput?.Summary;
        var baselineRate = baseline?.CounterNoncesPerSecond ?? baseline?.AvgSumNoncesPerSecond;
        var median = ThroughputSummaries.Median(summary.Replicas.Select(r => r.Rate));
        var slow = summary.Replicas.Where(r => ThroughputSummaries.IsSlow(r.Rate, median)).Select(r => r.Port).ToHashSet();
        var entries = new List<LegendEntry> { new("sum of replicas", "series sum", Stroke: true), new("one replica", "series replica", Stroke: true) };
        if (slow.Count > 0)
        {
            entries.Add(new($"slow replica {string.Join(", ", slow.Select(p => p?.ToString(CultureInfo.InvariantCulture) ?? "?"))}", "series replica slow", Stroke: true));
        }

        entries.Add(new("min–max of the sum", "band"));
        if (summary.CounterRate is { } counterRate)
        {
            entries.Add(new(string.Create(CultureInfo.InvariantCulture, $"from counters {counterRate:0.00} n/s"), "reference counter", Stroke: true));
        }

        if (baselineRate is { } baselineValue)
        {
            entries.Add(new(string.Create(CultureInfo.InvariantCulture, $"baseline {baselineValue:0.00} n/s"), "reference baseline", Stroke: true));
        }

        var (legend, rows) = SvgLegend.Draw(Left, 6, entries);
        var top = 20 + (rows * SvgLegend.RowHeight);
        var bottom = top + 220;
        var yTicks = AxisTicks.UpTo(new[] { summary.MaximumSum, summary.CounterRate ?? 0, baselineRate ?? 0 }.Max() * 1.05);
        var yMax = yTicks[^1];
        var x0 = t.WindowStart?.ElapsedSeconds ?? 0;
        var xTicks = AxisTicks.UpTo(Math.Max(t.Samples[^1].ElapsedSeconds - x0, 0.001));
        var xMax = xTicks[^1];
        double X(double seconds) => Left + ((seconds - x0) / xMax * Plot);
        double Y(double rate) => bottom - (rate / yMax * (bottom - top));

        var svg = new StringBuilder(Open(bottom + 46, "throughput over the measurement window"));
        svg.Append(legend);
        svg.Append(YAxis(top, bottom, yTicks, "nonces per second"));
        svg.Append(Polygon([(Left, Y(summary.MaximumSum)), (Left + Plot, Y(summary.MaximumSum)), (Left + Plot, Y(summary.MinimumSum)), (Left, Y(summary.MinimumSum))], "band"));
        // The window's opening sample starts every line, so the chart spans the whole measurement window.
        var samples = t.WindowStart is { } opening ? t.Samples.Prepend(opening).ToList() : t.Samples;
        svg.Append(Polyline(samples.Select(s => (X(s.ElapsedSeconds), Y(s.SumNoncesPerSecond))), "series sum", "sum of replicas"));
        for (var i = 0; i < t.Samples[^1].BackendCount; i++)
        {
            var port = t.Samples[^1].Ports[i];
            var label = port?.ToString(CultureInfo.InvariantCulture) ?? $"#{i}";
            var points = samples.Where(s => i < s.BackendCount).Select(s => (X(s.ElapsedSeconds), Y(s.PerBackendNoncesPerSecond[i]))).ToList();
            svg.Append(Polyline(points, slow.Contains(port) ? "series replica slow" : "series replica", $"replica {label}"));
        }

        if (summary.CounterRate is { } counter)
        {
            svg.Append(Line(Left, Y(counter), Left + Plot, Y(counter), "reference counter"));
        }

        if (baselineRate is { } b)
        {
            svg.Append(Line(Left, Y(b), Left + Plot, Y(b), "reference baseline"));
        }

        svg.Append(XAxis(bottom, xTicks, s => $"{N(s)} s", "seconds into the measurement window"));
        return svg.Append("</svg>").ToString();
    }

    /// <summary>Each replica's average rate, as reported and from its counter, against the median replica.</summary>
    public static string Replicas(RunReport report)
    {
        if (report.Throughput.Summary is not { Replicas.Count: > 0 } summary)
        {
            return string.Empty;
        }

        var replicas = summary.Replicas;
        var ticks = AxisTicks.UpTo(replicas.Max(r => Math.Max(r.AverageReportedNoncesPerSecond, r.CounterNoncesPerSecond ?? 0)) * 1.05);
        var max = ticks[^1];
        var median = ThroughputSummaries.Median(replicas.Select(r => r.Rate));
        var entries = new List<LegendEntry>
        {
            new("reported by the replica", "bar reported"),
            new("from its counters", "bar counter"),
            new(string.Create(CultureInfo.InvariantCulture, $"median replica {median:0.00} n/s"), "reference median", Stroke: true),
        };
        if (replicas.Any(r => ThroughputSummaries.IsSlow(r.Rate, median)))
        {
            entries.Add(new("slow replica", "bar slow"));
        }

        var (legend, rows) = SvgLegend.Draw(Left, 6, entries);
        var top = 10 + (rows * SvgLegend.RowHeight);
        var bottom = top + (replicas.Count * 34);
        var svg = new StringBuilder(Open(bottom + 46, "per-replica rates"));
        svg.Append(legend);
        var y = top;
        foreach (var r in replicas)
        {
            var label = r.Port?.ToString(CultureInfo.InvariantCulture) ?? "?";
            var slow = ThroughputSummaries.IsSlow(r.Rate, median);
            svg.Append(Text(8, y + 20, $"replica {label}", slow ? "label warn" : "label"));
            svg.Append(Rect(Left, y + 4, r.AverageReportedNoncesPerSecond / max * Plot, 11, "bar reported" + (slow
                ? " slow" : string.Empty), string.Create(CultureInfo.InvariantCulture, $"reported {r.AverageReportedNoncesPerSecond:0.00} n/s")));
            svg.Append(Rect(Left, y + 16, (r.CounterNoncesPerSecond ?? 0) / max * Plot, 11, "bar counter" + (slow
                ? " slow" : string.Empty), string.Create(CultureInfo.InvariantCulture, $"from counters {r.CounterNoncesPerSecond:0.00} n/s")));
            y += 34;
        }

        svg.Append(Line(Left + (median / max * Plot), top, Left + (median / max * Plot), bottom, "reference median"));
        svg.Append(XAxis(bottom, ticks, N, "nonces per second, average over the measurement window"));
        return svg.Append("</svg>").ToString();
    }

    /// <summary>The fraud test's margin: where it would fire for this n_total, and where the run was.</summary>
    public static (string Svg, string Sentence) Margin(RunReport report)
    {
        var v = report.Validation;
        var st = report.Settings.StatTest;
        var n = v.NTotal > 0 ? v.NTotal : report.Settings.Reference.Count;
        var fires = FraudMargin.FiringCount(n, st.PMismatch.Value, st.FraudThreshold.Value);
        var ran = report.Phases[Phase.Validate].State == PhaseState.Completed;
        var sentence = fires is { } k
            ? $"{k} mismatches of {n} would have been judged fraud; this node had {(ran ? v.NMismatch.ToString(CultureInfo.InvariantCulture) : "no validation")}."
            : $"even {n} mismatches of {n} would not be judged fraud at p_mismatch={N(st.PMismatch.Value)}, fraud_threshold={N(st.FraudThreshold.Value)}.";
        // The scale ends at a count that can happen (never past n), so its end is a tick of its own.
        var scale = (double)Math.Max(Math.Min(n, Math.Max((fires ?? n) * 2, (ran ? v.NMismatch : 0) + 1)), 1);
        IReadOnlyList<double> ticks = [.. AxisTicks.UpTo(scale, 4).Where(t => t < scale * 0.9), scale];
        double X(double count) => Left + (Math.Min(count, scale) / scale * Plot);
        var entries = new List<LegendEntry> { new("judged honest", "margin-pass") };
        if (fires is not null)
        {
            entries.Add(new("judged fraud", "margin-fraud"));
        }

        if (ran)
        {
            entries.Add(new("this run", "observed", Stroke: true));
        }

        var (legend, rows) = SvgLegend.Draw(Left, 6, entries);
        var top = 14 + (rows * SvgLegend.RowHeight);
        var svg = new StringBuilder(Open(top + 108, "fraud test margin"));
        svg.Append(legend);
        svg.Append(Rect(Left, top, Plot, 20, "margin-pass", "judged honest"));
        if (fires is { } f)
        {
            svg.Append(Rect(X(f), top, Left + Plot - X(f), 20, "margin-fraud", $"judged fraud from {f} mismatches"));
            svg.Append(Text(X(f), top + 52, $"fires at {f}", "label", Anchor(X(f))));
        }

        if (ran)
        {
            svg.Append(Line(X(v.NMismatch), top - 6, X(v.NMismatch), top + 26, "observed"));
            svg.Append(Text(X(v.NMismatch), top + 68, $"this run: {v.NMismatch}", "label", Anchor(X(v.NMismatch))));
        }

        svg.Append(Line(Left, top + 20, Left + Plot, top + 20, "axis-line"));
        foreach (var tick in ticks)
        {
            svg.Append(Text(X(tick), top + 35, N(tick), "axis", Anchor(X(tick))));
        }

        var title = scale < n ? $"mismatching nonces (the scale stops at {N(scale)} of {n})" : $"mismatching nonces among the {n} validated";
        svg.Append(Text(Left + (Plot / 2.0), top + 92, title, "axis axis-title", "middle"));
        return (svg.Append("</svg>").ToString(), sentence);
    }

    /// <summary>A horizontal axis under a plot: the line, round ticks formatted by <paramref name="format"/>, and its title.</summary>
    internal static string XAxis(double y, IReadOnlyList<double> ticks, Func<double, string> format, string title, double left = Left, double plot = Plot)
    {
        var svg = new StringBuilder(Line(left, y, left + plot, y, "axis-line"));
        foreach (var tick in ticks)
        {
            var x = left + (tick / ticks[^1] * plot);
            svg.Append(Line(x, y, x, y + 4, "axis-line")).Append(Text(x, y + 16, format(tick), "axis", tick == ticks[^1] ? "end" : tick == 0 ? "start" : "middle"));
        }

        return svg.Append(Text(left + (plot / 2), y + 36, title, "axis axis-title", "middle")).ToString();
    }

    // The vertical axis with its ticks and a rotated title in the label column.
    private static string YAxis(double top, double bottom, IReadOnlyList<double> ticks, string title)
    {
        var svg = new StringBuilder(Line(Left, top, Left, bottom, "axis-line"));
        foreach (var tick in ticks)
        {
            var y = bottom - (tick / ticks[^1] * (bottom - top));
            svg.Append(Line(Left - 4, y, Left, y, "axis-line")).Append(Line(Left, y, Left + Plot, y, "grid")).Append(Text(Left - 8, y + 4, N(tick), "axis", "end"));
        }

        var middle = (top + bottom) / 2;
        return svg.Append(CultureInfo.InvariantCulture, $"<text class=\"axis axis-title\" x=\"{N(Left - 70)}\" y=\"{N(middle)}\" text-anchor=\"middle\" " +
            $"transform=\"rotate(-90 {N(Left - 70)} {N(middle)})\">{Esc(title)}</text>").ToString();
    }

    // A label centred on a marker near either end of the plot would run off the picture (a 1000/1000 FAIL read
    // "this run: 1"): there it is anchored to the side that keeps it inside.
    private static string Anchor(double x) =>
        x > Left + (Plot * 0.85) ? "end" : x < Left + (Plot * 0.15) ? "start" : "middle";
}
