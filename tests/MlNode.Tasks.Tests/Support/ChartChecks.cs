namespace MlNode.Tasks.Tests.Support;

/// <summary>
/// A script a page's test evaluates in the browser: for every chart, whether it has a visible legend and an axis
/// title, and every text that leaves its picture, overlaps another text or is drawn over a bar, by rendered boxes.
/// </summary>
internal static class ChartChecks
{
    /// <summary>A JavaScript expression whose value is <c>{ charts, noLegend, noAxisTitle, outside, overlaps }</c>; lists name the offending texts.</summary>
    public const string Expression = """
        (() => {
          const meets = (a, b) => a.left < b.right - 1 && b.left < a.right - 1 && a.top < b.bottom - 1 && b.top < a.bottom - 1;
          const name = svg => svg.getAttribute('aria-label');
          const charts = [...document.querySelectorAll('svg.chart')];
          const result = { charts: charts.length, noLegend: [], noAxisTitle: [], outside: [], overlaps: [] };
          for (const svg of charts) {
            if (!svg.querySelector('g.legend')) result.noLegend.push(name(svg));
            if (!svg.querySelector('.axis-title')) result.noAxisTitle.push(name(svg));
            const box = svg.getBoundingClientRect();
            const texts = [...svg.querySelectorAll('text')].map(t => ({ text: t.textContent, box: t.getBoundingClientRect() }));
            const bars = [...svg.querySelectorAll('rect.bar, rect.phase-bar')].map(r => r.getBoundingClientRect());
            for (const t of texts) {
              if (t.box.left < box.left - 1 || t.box.right > box.right + 1 || t.box.top < box.top - 1 || t.box.bottom > box.bottom + 1) result.outside.push(name(svg) + ': ' + t.text);
              if (bars.some(b => meets(b, t.box))) result.overlaps.push(name(svg) + ': "' + t.text + '" on a bar');
            }
            for (let i = 0; i < texts.length; i++)
              for (let j = i + 1; j < texts.length; j++)
                if (meets(texts[i].box, texts[j].box)) result.overlaps.push(name(svg) + ': "' + texts[i].text + '" on "' + texts[j].text + '"');
          }
          return result;
        })()
        """;

    /// <summary>Asserts what <see cref="Expression"/> measured: at least <paramref name="atLeast"/> charts, each readable without hovering.</summary>
    public static void AssertReadable(Newtonsoft.Json.Linq.JToken measured, int atLeast)
    {
        Assert.True((int)measured["charts"]! >= atLeast, $"{(int)measured["charts"]!} charts on the page");
        Assert.Empty(measured["noLegend"]!.Values<string>());
        Assert.Empty(measured["noAxisTitle"]!.Values<string>());
        Assert.Empty(measured["outside"]!.Values<string>());
        Assert.Empty(measured["overlaps"]!.Values<string>());
    }
}
