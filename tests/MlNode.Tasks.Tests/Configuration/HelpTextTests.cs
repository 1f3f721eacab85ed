using MlNode.Tasks.Common;
using MlNode.Tasks.Configuration;

namespace MlNode.Tasks.Tests.Configuration;

public sealed class HelpTextTests
{
    private static readonly TaskInfo[] Tasks =
    [
        new("Download", "[1/4] download", []),
        new("Deploy", "[2/4] deploy", ["Download"]),
    ];

    [Fact]
    public void Render_ListsTasksWithDependenciesAndEveryArgument()
    {
        var help = HelpText.Render(Tasks, SettingsSources.From([], Path.GetTempPath()));

        Assert.Contains("Deploy    [2/4] deploy (after Download)", help);
        Assert.All(MlNodeArguments.All, a => Assert.Contains(a.Usage, help));
        Assert.Contains("exit codes: 0", help);
        Assert.Contains("MLNODE_AUTHORIZATION", help);
    }

    [Fact]
    public void Render_ShowsEachValuesCurrentSource()
    {
        var sources = SettingsSources.From(
            [new("warmup-seconds", "3")],
            Path.GetTempPath(),
            new Dictionary<string, string> { ["CAKE_MLNODE_DEPLOYTIMEOUT"] = "600" },
            IniFile.Parse("[MlNode]\nDownloadTimeout=3600"));

        var help = HelpText.Render(Tasks, sources);

        Assert.Contains("default: 7200; now: 3600 (cake.config)", help);
        Assert.Contains("default: 1800; now: 600 (environment)", help);
        Assert.Contains("default: 30; now: 3 (cli)", help);
        Assert.Contains("also from: cake.config [MlNode] DownloadTimeout=..., or CAKE_MLNODE_DOWNLOADTIMEOUT", help);
        Assert.Contains("e.g. --download-timeout=3600", help);
    }
}
