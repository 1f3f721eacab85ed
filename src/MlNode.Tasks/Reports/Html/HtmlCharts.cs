using System.Globalization;
using System.Text;
using MlNode.Tasks.Configuration;
using MlNode.Tasks.PoC;
using static MlNode.Tasks.Reports.Html.Svg;

namespace MlNode.Tasks.Reports.Html;

/// <summary>The report's charts as inline SVG drawn from the run: no script, no font, nothing loaded from anywhere.</summary>
internal static class HtmlCharts
{
    private const int Left = 150;
    private const int Plot = Width - Left - 20;

    /// <summary>One bar per phase on a common time axis; throughput's warm-up and measurement windows shaded.</summary>
    public static string Timeline(RunReport report)
    {
        var phases = PhaseNames.InOrder.Select(p => (Phase: p, Record: report.Phases[p])).ToList();
        var total = Math.Max(phases.Sum(p => p.Record.ElapsedSeconds ?? 0), 0.001);
        var svg = new StringBuilder(Open(40 + (phases.Count * 34), "phase timeline"));
        var start = 0.0;
        var y = 10;
        foreach (var (phase, record) in phases)
        {
            svg.Append(Text(8, y + 17, phase.Header()));
            var seconds = record.ElapsedSeconds ?? 0;
            if (record.State is PhaseState.Skipped or PhaseState.Pending)
            {
                svg.Append(Text(Left, y + 17, record.State == PhaseState.Skipped ? $"skipped ({record.Reason})" : "not reached", "label skipped"));
            }
            else
            {
                var x = Left + (start / total * Plot);
                var w = Math.Max(seconds / total * Plot, 2);
                svg.Append(Rect(x, y + 4, w, 20, $"phase-bar {record.State.ToString().ToLowerInvariant()}", $"{phase.Key()}: {seconds:0.0} s ({record.State.ToString().ToLowerInvariant()})"));
                if (phase == Phase.Throughput && report.Throughput.Summary is { } summary)
                {
                    var warmup = Math.Min(report.Settings.Sampling.WarmupSeconds.Value.TotalSeconds, seconds);
                    svg.Append(Rect(x, y + 4, warmup / total * Plot, 20, "window warmup", $"warm-up {warmup:0.0} s"));
                    svg.Append(Rect(x + (warmup / total * Plot), y + 4, Math.Min(summary.WindowSeconds, seconds - warmup) / total * Plot, 20, "window measure", $"measurement window {summary.WindowSeconds:0.0} s"));
                }

                svg.Append(Text(Math.Min(x + w + 6, Width - 60), y + 17, string.Create(CultureInfo.InvariantCulture, $"{seconds:0.0} s")));
                start += seconds;
            }

            y += 34;
        }

        svg.Append(Text(Left, y + 12, string.Create(CultureInfo.InvariantCulture, $"0 s … {total:0.0} s"), "axis"));
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

        const int height = 300, top = 20, bottom = 260;
        var baseline = report.Settings.Gates.Baseline?.Report.Throughput?.Summary;
        var baselineRate = baseline?.CounterNoncesPerSecond ?? baseline?.AvgSumNoncesPerSecond;
        var yMax = new[] { summary.MaximumSum, summary.CounterRate ?? 0, baselineRate ?? 0 }.Max() * 1.15;
        yMax = yMax <= 0 ? 1 : yMax;
        var x0 = t.WindowStart?.ElapsedSeconds ?? 0;
        var xMax = Math.Max(t.Samples[^1].ElapsedSeconds - x0, 0.001);
        double X(double seconds) => Left + ((seconds - x0) / xMax * Plot);
        double Y(double rate) => bottom - (rate / yMax * (bottom - top));

        var svg = new StringBuilder(Open(height, "throughput over the measurement window"));
        svg.Append(Line(Left, bottom, Left + Plot, bottom, "axis-line")).Append(Line(Left, top, Left, bottom, "axis-line"));
        svg.Append(Text(Left - 6, Y(yMax / 1.15) + 4, $"{N(yMax / 1.15)} n/s", "axis", "end")).Append(Text(Left - 6, bottom, "0", "axis", "end"));
        svg.Append(Polygon([(Left, Y(summary.MaximumSum)), (Left + Plot, Y(summary.MaximumSum)), (Left + Plot, Y(summary.MinimumSum)), (Left, Y(summary.MinimumSum))], "band"));
        // The window's opening sample starts every line, so the chart spans the whole measurement window.
        var samples = t.WindowStart is { } opening ? t.Samples.Prepend(opening).ToList() : t.Samples;
        svg.Append(Polyline(samples.Select(s => (X(s.ElapsedSeconds), Y(s.SumNoncesPerSecond))), "series sum", "sum of replicas"));
        var median = ThroughputSummaries.Median(summary.Replicas.Select(r => r.Rate));
        for (var i = 0; i < t.Samples[^1].BackendCount; i++)
        {
            var port = t.Samples[^1].Ports[i];
            var label = port?.ToString(CultureInfo.InvariantCulture) ?? $"#{i}";
            var isSlow = summary.Replicas.Any(r => r.Port == port && ThroughputSummaries.IsSlow(r.Rate, median));
            var points = samples.Where(s => i < s.BackendCount).Select(s => (X(s.ElapsedSeconds), Y(s.PerBackendNoncesPerSecond[i]))).ToList();
            svg.Append(Polyline(points, isSlow ? "series replica slow" : "series replica", $"replica {label}"));
            if (isSlow)
            {
                svg.Append(Text(points[^1].Item1 - 4, points[^1].Item2 - 6, $"slow replica {label}", "label warn", "end"));
            }
        }

        if (summary.CounterRate is { } counter)
        {
            svg.Append(Line(Left, Y(counter), Left + Plot, Y(counter), "reference counter"));
            svg.Append(Text(Left + Plot, Y(counter) - 5, string.Create(CultureInfo.InvariantCulture, $"counters: {counter:0.00} n/s"), "label", "end"));
        }

        if (baselineRate is { } b)
        {
            svg.Append(Line(Left, Y(b), Left + Plot, Y(b), "reference baseline"));
            svg.Append(Text(Left + 4, Y(b) - 5, string.Create(CultureInfo.InvariantCulture, $"baseline: {b:0.00} n/s"), "label"));
        }

        svg.Append(Text(Left + Plot, bottom + 24, string.Create(CultureInfo.InvariantCulture, $"{xMax:0.0} s"), "axis", "end"));
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
        var max = Math.Max(replicas.Max(r => Math.Max(r.AverageReportedNoncesPerSecond, r.CounterNoncesPerSecond ?? 0)) * 1.15, 0.001);
        var median = ThroughputSummaries.Median(replicas.Select(r => r.Rate));
        var svg = new StringBuilder(Open(30 + (replicas.Count * 34), "per-replica rates"));
        var y = 10;
        foreach (var r in replicas)
        {
            var label = r.Port?.ToString(CultureInfo.InvariantCulture) ?? "?";
            var slow = ThroughputSummaries.IsSlow(r.Rate, median);
            svg.Append(Text(8, y + 20, $"replica {label}", slow ? "label warn" : "label"));
            svg.Append(Rect(Left, y + 4, r.AverageReportedNoncesPerSecond / max * Plot, 11, "bar reported" + (slow ? " slow" : string.Empty), string.Create(CultureInfo.InvariantCulture, $"reported {r.AverageReportedNoncesPerSecond:0.00} n/s")));
            svg.Append(Rect(Left, y + 16, (r.CounterNoncesPerSecond ?? 0) / max * Plot, 11, "bar counter" + (slow ? " slow" : string.Empty), string.Create(CultureInfo.InvariantCulture, $"from counters {r.CounterNoncesPerSecond:0.00} n/s")));
            y += 34;
        }

        svg.Append(Line(Left + (median / max * Plot), 6, Left + (median / max * Plot), y, "reference median"));
        svg.Append(Text(Left + (median / max * Plot) + 4, y + 12, string.Create(CultureInfo.InvariantCulture, $"median {median:0.00} n/s"), "axis"));
        return svg.Append("</svg>").ToString();
    }

    /// <summary>The fraud test's margin: where it would fire for this n_total, and where the run was.</summary>
    public static (string Svg, string Sentence) Margin(RunReport report)
    {
        var v = report.Validation;
        var st = report.Settings.StatTest;
        var n = v.NTotal > 0 ? v.NTotal : report.Settings.Reference.Vectors.Count;
        var fires = FraudMargin.FiringCount(n, st.PMismatch.Value, st.FraudThreshold.Value);
        var ran = report.Phases[Phase.Validate].State == PhaseState.Completed;
        var sentence = fires is { } k
            ? $"{k} mismatches of {n} would have been judged fraud; this node had {(ran ? v.NMismatch.ToString(CultureInfo.InvariantCulture) : "no validation")}."
            : $"even {n} mismatches of {n} would not be judged fraud at p_mismatch={N(st.PMismatch.Value)}, fraud_threshold={N(st.FraudThreshold.Value)}.";
        var scale = Math.Max(Math.Min(n, Math.Max((fires ?? n) * 2, (ran ? v.NMismatch : 0) + 1)), 1);
        double X(double count) => Left + (Math.Min(count, scale) / scale * Plot);
        var svg = new StringBuilder(Open(80, "fraud test margin"));
        svg.Append(Text(8, 34, "mismatches"));
        svg.Append(Rect(Left, 20, Plot, 20, "margin-pass", "judged honest"));
        if (fires is { } f)
        {
            svg.Append(Rect(X(f), 20, Left + Plot - X(f), 20, "margin-fraud", $"judged fraud from {f} mismatches"));
            svg.Append(Text(X(f), 58, $"fires at {f}", "axis", Anchor(X(f))));
        }

        if (ran)
        {
            svg.Append(Line(X(v.NMismatch), 14, X(v.NMismatch), 46, "observed"));
            svg.Append(Text(X(v.NMismatch), 74, $"this run: {v.NMismatch}", "label", Anchor(X(v.NMismatch))));
        }

        svg.Append(Text(Left + Plot, 58, $"{N(scale)}{(scale < n ? $" (of {n})" : string.Empty)}", "axis", "end"));
        return (svg.Append("</svg>").ToString(), sentence);
    }

    // A label centred on a marker near either end of the plot would run off the picture (a 1000/1000 FAIL read
    // "this run: 1"): there it is anchored to the side that keeps it inside.
    private static string Anchor(double x) =>
        x > Left + (Plot * 0.85) ? "end" : x < Left + (Plot * 0.15) ? "start" : "middle";
}
