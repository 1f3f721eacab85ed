using MlNode.Tasks.Metrics;

namespace MlNode.Tasks.Tests.Metrics;

public sealed class TextExpositionTests
{
    [Fact]
    public void Render_LabelledAndPlainGauges_HelpTypeAndOneLinePerSample()
    {
        // Given
        var plain = new GaugeFamily("m_plain", "A plain gauge.", []);
        plain.Set(2.5);
        var labelled = new GaugeFamily("m_labelled", "A gauge per phase.", ["phase"]);
        labelled.Set(1, "download");
        labelled.Set(3, "deploy");
        labelled.Set(4, "download");

        // When
        var text = TextExposition.Render([plain, labelled]);

        // Then: a label set set twice keeps its last value and its first place
        Assert.Equal(
            "# HELP m_plain A plain gauge.\n# TYPE m_plain gauge\nm_plain 2.5\n" +
            "# HELP m_labelled A gauge per phase.\n# TYPE m_labelled gauge\nm_labelled{phase=\"download\"} 4\nm_labelled{phase=\"deploy\"} 3\n",
            text);
    }

    [Fact]
    public void Render_HostileLabelValue_EscapedSoItCannotEndTheValueOrTheLine()
    {
        // Given: a node id from an Admin API with a quote, a backslash, a line break and a fake sample after it
        var family = new GaugeFamily("m", "h", ["node"]);
        family.Set(1, "a\"b\\c\nm{node=\"x\"} 0");

        // When
        var text = TextExposition.Render([family]);

        // Then
        Assert.Equal("# HELP m h\n# TYPE m gauge\nm{node=\"a\\\"b\\\\c\\nm{node=\\\"x\\\"} 0\"} 1\n", text);
        Assert.Equal(3, text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
    }

    [Theory]
    [InlineData(double.PositiveInfinity, "+Inf")]
    [InlineData(double.NegativeInfinity, "-Inf")]
    [InlineData(double.NaN, "NaN")]
    [InlineData(1e-5, "1E-05")]
    [InlineData(0.1, "0.1")]
    public void Number_SpecialAndSmallValues_AsTheFormatSpellsThem(double value, string expected) =>
        Assert.Equal(expected, TextExposition.Number(value));

    [Fact]
    public void Render_FamilyWithoutSamples_IsLeftOut()
    {
        var empty = new GaugeFamily("m_empty", "h", ["gate"]);

        Assert.Equal("", TextExposition.Render([empty]));
    }

    [Fact]
    public void Set_WrongNumberOfLabelValues_Throws()
    {
        var family = new GaugeFamily("m", "h", ["a", "b"]);

        Assert.Throws<ArgumentException>(() => family.Set(1, "only-one"));
    }
}
