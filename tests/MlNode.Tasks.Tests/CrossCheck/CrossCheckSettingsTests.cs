using MlNode.Tasks.Common;
using MlNode.Tasks.Configuration;
using MlNode.Tasks.CrossCheck;
using MlNode.Tasks.Tests.Support;

namespace MlNode.Tasks.Tests.CrossCheck;

public sealed class CrossCheckSettingsTests
{
    private static CrossCheckSettings Resolve(params (string Name, string Value)[] arguments)
    {
        using var root = new TempDirectory();
        var sources = SettingsSources.From(arguments.Select(a => new KeyValuePair<string, string>(a.Name, a.Value)), root.Path, new Dictionary<string, string>());
        return CrossCheckSettingsResolver.Resolve(sources, new SecretRedactor());
    }

    [Theory]
    [InlineData("http://10.0.0.5:8080,http://10.0.0.6:8080", "", "--mlnode-urls needs --model")]
    [InlineData("http://10.0.0.5:8080", "Org/M", "fewer than two nodes")]
    [InlineData("http://10.0.0.5:8080,http://10.0.0.5:8080", "Org/M", "fewer than two nodes")]
    [InlineData("http://10.0.0.5:8080,ftp://10.0.0.6", "Org/M", "'ftp://10.0.0.6' is not an http(s) URL")]
    public void Resolve_MlNodeUrlsThatCannotMakeAMatrix_IsOneErrorSayingWhy(string urls, string model, string expected)
    {
        // Given, When
        (string, string)[] arguments = model.Length == 0 ? [("mlnode-urls", urls)] : [("mlnode-urls", urls), ("model", model)];
        var error = Assert.Throws<InputException>(() => Resolve(arguments));

        // Then
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Resolve_NoNodesAtAll_OneErrorNamingTheThreeWaysToGiveThem()
    {
        var error = Assert.Throws<InputException>(() => Resolve());

        Assert.Contains("--admin-api=", error.Message, StringComparison.Ordinal);
        Assert.Contains("--nodes=", error.Message, StringComparison.Ordinal);
        Assert.Contains("--mlnode-urls=", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Resolve_MlNodeUrlsAndAnAdminApi_IsRefused()
    {
        var error = Assert.Throws<InputException>(() => Resolve(("mlnode-urls", "http://a:1,http://b:1"), ("model", "Org/M"), ("admin-api", "http://10.0.0.2:9200")));

        Assert.Contains("not both", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Resolve_NoNumNonces_CrossChecksDefaultNotTheBakesAndEveryNodeOnlyWhenAsked()
    {
        // Given, When
        var byDefault = Resolve(("mlnode-urls", "http://a:1,http://b:1"), ("model", "Org/M"));
        var given = Resolve(("mlnode-urls", "http://a:1,http://b:1"), ("model", "Org/M"), ("num-nonces", "64"), ("cross", "all"), ("batch-size", "16"));

        // Then
        Assert.Equal(new Resolved<int>(MlNodeArguments.CrossCheckNonces, ValueSource.Default), byDefault.NumNonces);
        Assert.False(byDefault.AllNodes);
        Assert.Null(byDefault.BatchSize);
        Assert.Equal(new Resolved<int>(64, ValueSource.Cli), given.NumNonces);
        Assert.True(given.AllNodes);
        Assert.Equal(16, given.BatchSize!.Value);
        Assert.Equal(CrossCheckSettingsResolver.AdHocKind, given.SourceKind);
    }

    [Fact]
    public void Resolve_UrlWithAPassword_IsMaskedWhereverTheSourceIsShown()
    {
        var settings = Resolve(("mlnode-urls", "http://op:s3cret@10.0.0.5:8080,http://10.0.0.6:8080"), ("model", "Org/M"));

        Assert.DoesNotContain("s3cret", settings.SourceDisplay, StringComparison.Ordinal);
    }
}
