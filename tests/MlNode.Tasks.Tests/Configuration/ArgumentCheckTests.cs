using MlNode.Tasks.Common;
using MlNode.Tasks.Configuration;

namespace MlNode.Tasks.Tests.Configuration;

public sealed class ArgumentCheckTests
{
    [Theory]
    [InlineData("skip-dowload", "did you mean --skip-download?")]
    [InlineData("mlnode_url", null)]
    [InlineData("treshold", "did you mean --threshold?")]
    [InlineData("completely-unrelated-flag", null)]
    public void RejectUnknown_Typo_SuggestsTheClosestArgument(string name, string? suggestion)
    {
        if (name.Contains('_', StringComparison.Ordinal))
        {
            ArgumentCheck.RejectUnknown([name]); // a Cake configuration key (section_key) passes through
            return;
        }

        var error = Assert.Throws<InputException>(() => ArgumentCheck.RejectUnknown([name]));

        Assert.StartsWith($"unknown argument --{name};", error.Message);
        if (suggestion is null)
        {
            Assert.DoesNotContain("did you mean", error.Message);
        }
        else
        {
            Assert.Contains(suggestion, error.Message);
        }
    }

    [Fact]
    public void RejectUnknown_EveryDefinedNameAliasAndCakeOption_Passes()
    {
        ArgumentCheck.RejectUnknown(MlNodeArguments.All.SelectMany(a => a.Names).Concat(["target", "verbosity", "exclusive", "artifact", "settings_skipverification"]));
    }
}
