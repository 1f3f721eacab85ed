using MlNode.Tasks.CrossCheck;
using MlNode.Tasks.Tests.Support;

namespace MlNode.Tasks.Tests.CrossCheck;

/// <summary>crosscheck_report.html as a real headless Chromium renders it.</summary>
[Trait("Category", "Integration")]
public sealed class CrossCheckHtmlBrowserTests
{
    private const string Measure = $$"""
        JSON.stringify({
          verdict: document.getElementById('verdict').innerText,
          headers: Array.from(document.querySelectorAll('table.heatmap tr:first-child th')).map(th => th.innerText),
          cells: Array.from(document.querySelectorAll('table.heatmap td.cell')).map(td => ({ g: td.dataset.generator || '', v: td.dataset.validator || '', text: td.innerText, fail: td.classList.contains('fail'), background: getComputedStyle(td).backgroundColor })),
          strips: document.querySelectorAll('svg rect.range:not(.swatch)').length,
          causes: [...document.querySelectorAll('#verdict .cause')].map(c => c.innerText),
          charts: {{ChartChecks.Expression}},
          thresholds: document.querySelectorAll('svg line.threshold:not(.swatch)').length,
          incompatible: document.querySelectorAll('#incompatible li').length,
          scrollWidth: document.documentElement.scrollWidth,
          scripts: document.scripts.length
        })
        """;

    [Fact]
    public async Task Render_IncompatibleClass_HeatmapWithTheGoldenAndDistancesAndNothingLoaded()
    {
        // Given: three classes, one incompatible, one named with markup by its Admin API (outside text), and a browser.
        var chromium = HeadlessChromium.Find();
        Assert.SkipWhen(chromium is null, "Chromium is not installed (Debian: apt-get install chromium; .ci/run does), so the cross-check page is not rendered");
        await using var harness = await FleetHarness.StartAsync("--fleet=3", "--fleet-hardware=1:NVIDIA H100", "--fleet-hardware=2:<script>alert(1)</script>", "--fleet-hardware=3:NVIDIA B200:0.3");
        var (run, _) = await harness.CrossCheckAsync(("num-nonces", "60"));
        var page = Path.Combine(run.Directory, CrossCheckFiles.HtmlFile);
        await using var browser = await HeadlessChromium.StartAsync(chromium!);

        // When it is rendered at 1280 px
        var rendered = await browser.RenderAsync(page, 1280, Measure);
        await rendered.KeepScreenshotAsync("crosscheck_report.png");

        // Then nothing leaves the file and no script runs (the markup in a class name is text), the banner counts the pairs
        var m = rendered.Measured;
        Assert.All(rendered.Requests, r => Assert.Equal(new Uri(page).AbsoluteUri, r));
        Assert.Equal(0, (int)m["scripts"]!);
        Assert.StartsWith("6 incompatible ordered pair(s) — exit 2", (string)m["verdict"]!);
        Assert.Contains(m["headers"]!.Values<string>(), h => h!.Contains("<script>alert(1)</script>", StringComparison.Ordinal));
        Assert.True((int)m["scrollWidth"]! <= 1280, $"the page is {(int)m["scrollWidth"]!} px wide");

        // And the heatmap is the golden and three nodes square, its diagonal empty, the B200's row and column outlined as fraud
        var cells = m["cells"]!.ToList();
        Assert.Equal(16, cells.Count);
        var failing = cells.Where(c => (bool)c["fail"]!).Select(c => $"{c["g"]}>{c["v"]}").Order(StringComparer.Ordinal).ToList();
        Assert.Equal(["golden>node3", "node1>node3", "node2>node3", "node3>golden", "node3>node1", "node3>node2"], failing);
        Assert.All(cells.Where(c => (string?)c["g"] is "node1" && (string?)c["v"] is "node2"), c => Assert.StartsWith("PASS", (string)c["text"]!));

        // And one distance strip per pair of sources that has vectors, against one threshold line
        Assert.Equal(6, (int)m["strips"]!);
        Assert.Equal(1, (int)m["thresholds"]!);
        Assert.Equal(6, (int)m["incompatible"]!);

        // And the banner names the one node all six disagreements gather on, and the strips read without hovering
        Assert.Equal([$"{TestReferences.Model}: node3 (NVIDIA B200) disagrees with every other source (6 of 6 incompatible ordered pairs)"], m["causes"]!.Values<string>());
        ChartChecks.AssertReadable(m["charts"]!, atLeast: 1);
    }
}
