using MlNode.Tasks.Reports;
using MlNode.Tasks.Tests.Support;
using Newtonsoft.Json.Linq;

namespace MlNode.Tasks.Tests.Reports;

/// <summary>validate_report.html as a real headless Chromium renders it, for each kind of outcome.</summary>
[Trait("Category", "Integration")]
public sealed class HtmlReportBrowserTests
{
    private const string Measure = $$"""
        JSON.stringify({
          verdict: document.getElementById('verdict').innerText,
          verdictHeight: document.getElementById('verdict').getBoundingClientRect().height,
          verdictBottom: document.getElementById('verdict').getBoundingClientRect().bottom,
          firstChartTop: Math.min(...[...document.querySelectorAll('svg')].map(s => s.getBoundingClientRect().top)),
          because: document.getElementById('because')?.innerText ?? null,
          next: document.getElementById('next')?.innerText ?? null,
          scrollWidth: document.documentElement.scrollWidth,
          replicaSeries: document.querySelectorAll('svg .series.replica:not(.swatch)').length,
          slowSeries: document.querySelectorAll('svg .series.replica.slow:not(.swatch)').length,
          sumSeries: document.querySelectorAll('svg .series.sum:not(.swatch)').length,
          counterLines: document.querySelectorAll('svg .reference.counter:not(.swatch)').length,
          phaseBars: document.querySelectorAll('svg .phase-bar:not(.swatch)').length,
          skippedPhases: document.querySelectorAll('svg .label.skipped').length,
          replicaBars: document.querySelectorAll('svg .bar.reported:not(.swatch)').length,
          marginFraud: document.querySelectorAll('svg .margin-fraud:not(.swatch)').length,
          margin: document.getElementById('margin').innerText,
          thisRun: [...document.querySelectorAll('svg text')].map(t => t.textContent).filter(t => t.startsWith('this run: ')),
          charts: {{ChartChecks.Expression}},
          scripts: document.scripts.length
        })
        """;

    [Theory]
    [InlineData("pass", "", "")]
    [InlineData("fraud", "dishonest:0.5", "")]
    [InlineData("error", "deploy-fails", "")]
    [InlineData("skipped", "", "skip-throughput")]
    [InlineData("slow-replica", "slow-replica:0.3", "")]
    public async Task Render_EachOutcome_LoadsNothingShowsTheVerdictAndDrawsEveryChart(string name, string fault, string skip)
    {
        // Given: a run of that outcome against the simulator, and a real browser.
        var chromium = HeadlessChromium.Find();
        Assert.SkipWhen(chromium is null, "Chromium is not installed (Debian: apt-get install chromium; .ci/run does), so the HTML report is not rendered");
        await using var harness = await RunHarness.StartAsync(fault.Length == 0 ? RunHarness.FastSimulator : RunHarness.With(fault));
        harness.WriteReference();
        var result = await harness.RunAsync(skip.Length == 0 ? [] : [(skip, string.Empty), ("skip-validate", string.Empty)]);
        var page = Path.Combine(result.ExperimentDirectory, ExperimentDirectory.HtmlFile);
        await using var browser = await HeadlessChromium.StartAsync(chromium!);

        // When: rendered at 1280 px, the width a release engineer's laptop shows it at.
        var rendered = await browser.RenderAsync(page, 1280, Measure);
        await rendered.KeepScreenshotAsync($"validate_report-{name}.png");

        // Then: no request leaves the file, no script, the verdict is visible, nothing overflows 1280 px.
        var m = rendered.Measured;
        Assert.All(rendered.Requests, r => Assert.Equal(new Uri(page).AbsoluteUri, r));
        Assert.Equal(0, (int)m["scripts"]!);
        var judgement = result.Outcome.Report.Judgement;
        Assert.StartsWith(judgement.Label, (string)m["verdict"]!);
        Assert.True((double)m["verdictHeight"]! > 0);
        Assert.True((double)m["verdictBottom"]! <= (double)m["firstChartTop"]!, "the banner is not above every chart");
        if (name is "fraud" or "error")
        {
            // The first block says it all: the count and the cause, then the next step, before any chart.
            Assert.Equal(judgement.Because, (string?)m["because"]);
            Assert.Equal("Next: " + judgement.NextStep, (string?)m["next"]);
            Assert.Contains(name == "fraud" ? "of 32 nonces beyond 0.2 (p " : "deploy failed: vLLM startup failed: ", (string?)m["because"]);
        }
        Assert.True((int)m["scrollWidth"]! <= 1280, $"the page is {(int)m["scrollWidth"]!} px wide");
        Assert.True(rendered.Screenshot.Length > 1000 && rendered.Screenshot[1] == (byte)'P');

        // And each chart has what the run had: a line per replica, one summed line, a phase bar per phase that ran.
        var report = result.Report;
        var ran = report["phases"]!.Children<JProperty>().Count(p => (string?)p.Value["state"] is "completed" or "failed" or "interrupted");
        Assert.Equal(ran, (int)m["phaseBars"]!);
        Assert.Equal(4 - ran, (int)m["skippedPhases"]!);
        var backends = (int?)report.SelectToken("throughput.summary.n_backends") ?? 0;
        Assert.Equal(backends, (int)m["replicaSeries"]!);
        Assert.Equal(backends, (int)m["replicaBars"]!);
        Assert.Equal(backends > 0 ? 1 : 0, (int)m["sumSeries"]!);
        Assert.Equal(name == "slow-replica" ? 1 : 0, (int)m["slowSeries"]!);
        Assert.Equal(1, (int)m["marginFraud"]!);
        Assert.Matches(@"^\d+ mismatches of 32 would have been judged fraud; this node had (\d+|no validation)\.$", (string)m["margin"]!);

        // And every chart reads without hovering: a legend, axis titles, no text outside its picture or over another
        ChartChecks.AssertReadable(m["charts"]!, atLeast: backends > 0 ? 4 : 2);
    }

    private const string MeasureMismatches = $$"""
        (() => {
          const inside = svg => { const box = svg.getBoundingClientRect(); return [...svg.querySelectorAll('text')].every(t => { const b = t.getBoundingClientRect(); return b.left >= box.left - 1 && b.right <= box.right + 1 && b.top >= box.top - 1 && b.bottom <= box.bottom + 1; }); };
          const charts = [...document.querySelectorAll('svg.chart')];
          return JSON.stringify({
            why: (document.getElementById('why') || {}).innerText || '',
            bins: document.querySelectorAll('svg rect.hist:not(.swatch)').length,
            beyondBins: document.querySelectorAll('svg rect.hist.beyond').length,
            thresholdLines: document.querySelectorAll('svg line.threshold').length,
            residues: document.querySelectorAll('svg rect.residue').length,
            strideBars: document.querySelectorAll('svg rect.residue.stride').length,
            legends: [...document.querySelectorAll('svg text')].filter(t => /dist_threshold|mismatches|every other position/.test(t.textContent)).length,
            axisTitles: [...document.querySelectorAll('svg text')].filter(t => /L2 distance|position of the nonce/.test(t.textContent)).length,
            textInside: charts.every(inside),
            details: document.querySelectorAll('details').length,
            shownNonces: (document.querySelector('p code') || {}).innerText || '',
            thisRun: [...document.querySelectorAll('svg text')].map(t => t.textContent).filter(t => t.startsWith('this run: ')),
            charts: {{ChartChecks.Expression}}
          });
        })()
        """;

    [Fact]
    public async Task Render_FirstInBatchDefect_ShowsWhyWithTheDistanceHistogramAndTheStrideChart()
    {
        // Given: a node with the first-in-batch defect (batch 16) validated on 128 nonces, and a real browser
        var chromium = HeadlessChromium.Find();
        Assert.SkipWhen(chromium is null, "Chromium is not installed (Debian: apt-get install chromium; .ci/run does), so the HTML report is not rendered");
        await using var harness = await RunHarness.StartAsync(RunHarness.With("first-in-batch:16"));
        harness.WriteReference(TestReferences.Document(count: 128));
        var result = await harness.RunAsync(("skip-throughput", string.Empty));
        var page = Path.Combine(result.ExperimentDirectory, ExperimentDirectory.HtmlFile);
        await using var browser = await HeadlessChromium.StartAsync(chromium!);

        // When
        var rendered = await browser.RenderAsync(page, 1280, MeasureMismatches);
        await rendered.KeepScreenshotAsync("validate_report-first-in-batch.png");

        // Then: the why, a histogram (24 bins and a not-finite one) with its threshold line, the stride chart (16 positions,
        // the first marked), their legends and axis titles, and no text outside its chart
        var m = rendered.Measured;
        Assert.StartsWith("batch stride:", (string)m["why"]!);
        Assert.Equal(25, (int)m["bins"]!); // 24 bins and the not-finite one
        Assert.True((int)m["beyondBins"]! > 0);
        Assert.Equal(2, (int)m["thresholdLines"]!); // the legend's swatch and the line on the plot
        Assert.Equal(16 + 2, (int)m["residues"]!); // 16 positions and the two legend swatches
        Assert.Equal(1 + 1, (int)m["strideBars"]!);
        Assert.True((int)m["legends"]! >= 3);
        Assert.Equal(2, (int)m["axisTitles"]!);
        Assert.True((bool)m["textInside"]!);
        ChartChecks.AssertReadable(m["charts"]!, atLeast: 4);
    }

    [Fact]
    public async Task Render_EveryNonceMismatched_ShowsThisRunWholeAndFoldsTheNonceList()
    {
        // Given: a node whose every vector is wrong, validated on 1,000 nonces, and a real browser
        var chromium = HeadlessChromium.Find();
        Assert.SkipWhen(chromium is null, "Chromium is not installed (Debian: apt-get install chromium; .ci/run does), so the HTML report is not rendered");
        await using var harness = await RunHarness.StartAsync(RunHarness.With("dishonest:1.0"));
        harness.WriteReference(TestReferences.Document(count: 1000));
        var result = await harness.RunAsync(("skip-throughput", string.Empty));
        var page = Path.Combine(result.ExperimentDirectory, ExperimentDirectory.HtmlFile);
        await using var browser = await HeadlessChromium.StartAsync(chromium!);

        // When
        var rendered = await browser.RenderAsync(page, 1280, MeasureMismatches);
        await rendered.KeepScreenshotAsync("validate_report-1000-mismatches.png");

        // Then: the margin's marker reads "this run: 1000" inside the picture, twenty nonces shown and the rest folded
        var m = rendered.Measured;
        Assert.StartsWith("FAIL", result.Verdict);
        Assert.Equal(["this run: 1000"], m["thisRun"]!.Values<string>());
        Assert.Equal(20, ((string)m["shownNonces"]!).Split(", ").Length);
        Assert.Equal(1, (int)m["details"]!);
        ChartChecks.AssertReadable(m["charts"]!, atLeast: 3);
    }
}

