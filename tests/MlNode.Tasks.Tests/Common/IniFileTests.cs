using MlNode.Tasks.Common;

namespace MlNode.Tasks.Tests.Common;

public sealed class IniFileTests
{
    [Fact]
    public void Parse_SectionsKeysAndComments_AreAddressedAsSectionUnderscoreKey()
    {
        var ini = IniFile.Parse("; comment\n# also a comment\nTop=1\n[Settings]\nEnableScriptCache=true\n\n[MlNode]\n  DownloadTimeout = 3600 \r\n");

        Assert.Equal("1", ini.Get("Top"));
        Assert.Equal("true", ini.Get("settings_enablescriptcache"));
        Assert.Equal("3600", ini.Get("MlNode_DownloadTimeout"));
        Assert.Null(ini.Get("MlNode_Missing"));
    }

    [Fact]
    public void Parse_LineWithoutEquals_NamesTheLine()
    {
        var error = Assert.Throws<InputException>(() => IniFile.Parse("[MlNode]\nDownloadTimeout 3600\n", "cake.config"));

        Assert.Contains("cake.config line 2", error.Message);
    }
}
