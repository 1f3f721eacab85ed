using MlNode.Tasks.Fleet;
using MlNode.Tasks.Tests.Support;

namespace MlNode.Tasks.Tests.Fleet;

/// <summary>fleet_report.html as a real headless Chromium renders it.</summary>
[Trait("Category", "Integration")]
public sealed class FleetHtmlBrowserTests
{
    private const string Measure = $$"""
        JSON.stringify({
          verdict: document.getElementById('verdict').innerText,
          rows: document.querySelectorAll('#pairs tr').length - 1,
          statuses: Array.from(document.querySelectorAll('#pairs td.status')).map(td => td.innerText),
          failBars: document.querySelectorAll('svg .bar.fail:not(.swatch)').length,
          charts: {{ChartChecks.Expression}},
          passBars: document.querySelectorAll('svg .bar.pass:not(.swatch)').length,
          links: Array.from(document.querySelectorAll('#pairs a')).map(a => a.getAttribute('href')),
          scrollWidth: document.documentElement.scrollWidth,
          scripts: document.scripts.length
        })
        """;

    [Fact]
    public async Task Render_MixedFleet_BannerTableBarsAndWorkingLinks()
    {
        // Given a fleet run with a dishonest node, a failing deploy and a node in use, and a real browser
        var chromium = HeadlessChromium.Find();
        Assert.SkipWhen(chromium is null, "Chromium is not installed (Debian: apt-get install chromium; .ci/run does), so the fleet page is not rendered");
        await using var harness = await FleetHarness.StartAsync("--fleet=4", "--fleet-fault=2:dishonest:0.25", "--fleet-fault=3:deploy-fails", "--fleet-in-use=4");
        var (run, _) = await harness.RunAsync();
        var page = Path.Combine(run.Directory, FleetFiles.HtmlFile);
        await using var browser = await HeadlessChromium.StartAsync(chromium!);

        // When it is rendered at 1280 px
        var rendered = await browser.RenderAsync(page, 1280, Measure);
        await rendered.KeepScreenshotAsync("fleet_report.png");

        // Then nothing leaves the file, the banner gives the counts and the exit code, the table is worst first
        var m = rendered.Measured;
        Assert.All(rendered.Requests, r => Assert.Equal(new Uri(page).AbsoluteUri, r));
        Assert.Equal(0, (int)m["scripts"]!);
        Assert.StartsWith("1 PASS, 1 FAIL, 1 ERROR, 1 REFUSED — exit 2", (string)m["verdict"]!);
        Assert.Equal(["FAIL", "ERROR", "REFUSED", "PASS"], m["statuses"]!.Values<string>());
        Assert.True((int)m["scrollWidth"]! <= 1280, $"the page is {(int)m["scrollWidth"]!} px wide");

        // And one bar per pair that measured (the dishonest one in the fraud colour), and each link opens a pair's page
        Assert.Equal(1, (int)m["failBars"]!);
        Assert.Equal(1, (int)m["passBars"]!);
        var links = m["links"]!.Values<string>().ToList();
        Assert.Equal(3, links.Count);
        Assert.All(links, l => Assert.True(File.Exists(Path.Combine(run.Directory, Uri.UnescapeDataString(l!))), l));
        ChartChecks.AssertReadable(m["charts"]!, atLeast: 1);
    }
}
