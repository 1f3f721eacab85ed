using MlNode.Tasks.Common;
using MlNode.Tasks.Configuration;

namespace MlNode.Tasks.Tests.Configuration;

public sealed class SettingReaderTests
{
    private static SettingReader Reader(
        IEnumerable<KeyValuePair<string, string>>? arguments = null,
        Dictionary<string, string>? environment = null,
        string? config = null) =>
        new(SettingsSources.From(arguments ?? [], Path.GetTempPath(), environment, config is null ? IniFile.Empty : IniFile.Parse(config)));

    public static TheoryData<string> NumericArguments() =>
        [.. MlNodeArguments.All.Where(a => a.Kind is ArgumentKind.Seconds or ArgumentKind.SecondsOrZero or ArgumentKind.PositiveInteger
            or ArgumentKind.NonNegativeInteger or ArgumentKind.PositiveNumber or ArgumentKind.Probability or ArgumentKind.OpenProbability).Select(a => a.Name)];

    [Theory]
    [MemberData(nameof(NumericArguments))]
    public void Read_EveryNumericArgumentFarOutOfRange_IsOneInputErrorLine(string name)
    {
        // Given: a value no timer, counter or request could take.
        var definition = MlNodeArguments.Find(name)!;
        var reader = Reader([new(name, "1e300")]);

        // When
        var error = Assert.Throws<InputException>(() => Read(reader, definition));

        // Then: one line that names the argument and its documented range.
        Assert.StartsWith($"--{name}=1e300 ", error.Message);
        Assert.DoesNotContain("\n", error.Message);
        Assert.True(definition.Kind is ArgumentKind.Probability or ArgumentKind.OpenProbability || definition.RangeText is not null, "every numeric argument documents its range");
    }

    [Theory]
    [InlineData("request-timeout", "0.001", "0.01 to 86400 seconds")]
    [InlineData("request-timeout", "90000", "0.01 to 86400 seconds")]
    [InlineData("stop-timeout", "1e300", "0.1 to 3600 seconds")]
    [InlineData("measure-seconds", "86401", "more than 0, at most 86400 seconds")]
    [InlineData("init-retries", "10001", "0 to 10000")]
    public void Read_OutOfItsRange_SaysTheRange(string name, string value, string range)
    {
        var error = Assert.Throws<InputException>(() => Read(Reader([new(name, value)]), MlNodeArguments.Find(name)!));

        Assert.Contains($"is out of range; it takes {range}", error.Message);
    }

    private static object? Read(SettingReader reader, ArgumentDefinition definition) =>
        definition.Kind is ArgumentKind.PositiveInteger or ArgumentKind.NonNegativeInteger ? reader.Integer(definition) : reader.Number(definition);

    [Fact]
    public void Raw_NothingGiven_UsesTheBuiltInDefault()
    {
        Assert.Equal(new Resolved<double>(7200, ValueSource.Default), Reader().Number(MlNodeArguments.DownloadTimeout));
    }

    [Fact]
    public void Raw_CakeConfigOverridesTheDefault()
    {
        Assert.Equal(new Resolved<double>(3600, ValueSource.CakeConfig), Reader(config: "[MlNode]\nDownloadTimeout=3600").Number(MlNodeArguments.DownloadTimeout));
    }

    [Fact]
    public void Raw_EnvironmentOverridesCakeConfig()
    {
        var reader = Reader(environment: new() { ["CAKE_MLNODE_DOWNLOADTIMEOUT"] = "1800" }, config: "[MlNode]\nDownloadTimeout=3600");

        Assert.Equal(new Resolved<double>(1800, ValueSource.Environment), reader.Number(MlNodeArguments.DownloadTimeout));
    }

    [Theory]
    [InlineData("download-timeout")]
    [InlineData("MlNode_DownloadTimeout")]
    public void Raw_ArgumentOverridesEverything(string name)
    {
        var reader = Reader([new(name, "60")], new() { ["CAKE_MLNODE_DOWNLOADTIMEOUT"] = "1800" }, "[MlNode]\nDownloadTimeout=3600");

        Assert.Equal(new Resolved<double>(60, ValueSource.Cli), reader.Number(MlNodeArguments.DownloadTimeout));
    }

    [Fact]
    public void Raw_ArgumentWithoutConfigKey_IgnoresEnvironmentAndConfig()
    {
        var reader = Reader(environment: new() { ["CAKE_MLNODE_MODEL"] = "Qwen/Qwen3-0.6B" }, config: "[MlNode]\nModel=Qwen/Qwen3-0.6B");

        Assert.Null(reader.Raw(MlNodeArguments.Model));
    }

    [Theory]
    [InlineData("download-timeout", "0", "must be more than 0 seconds")]
    [InlineData("download-timeout", "-5", "must be more than 0 seconds")]
    [InlineData("measure-seconds", "soon", "is not a number")]
    [InlineData("warmup-seconds", "-1", "must not be negative")]
    [InlineData("sample-interval", "NaN", "is not a number")]
    [InlineData("batch-size", "0", "must be at least 1")]
    [InlineData("batch-size", "2.5", "is not a whole number")]
    [InlineData("validation-batch-size", "-64", "must be at least 1")]
    [InlineData("threshold", "0", "must be more than 0")]
    [InlineData("p-mismatch", "1", "must be a probability in [0, 1)")]
    [InlineData("fraud-threshold", "0", "must be a probability strictly between 0 and 1")]
    [InlineData("init-retries", "-1", "must not be negative")]
    public void Number_BadValue_NamesTheArgumentAndGivesAnExample(string name, string value, string problem)
    {
        var definition = MlNodeArguments.Find(name)!;
        var reader = Reader([new(name, value)]);

        var error = Assert.Throws<InputException>(() =>
        {
            if (definition.Kind is ArgumentKind.PositiveInteger or ArgumentKind.NonNegativeInteger)
            {
                reader.Integer(definition);
            }
            else
            {
                reader.Number(definition);
            }
        });

        Assert.Contains($"--{name}={value} {problem}", error.Message);
        Assert.Contains($"e.g. --{name}=", error.Message);
    }

    [Fact]
    public void Number_BadValueFromEnvironment_SaysWhereItCameFrom()
    {
        var reader = Reader(environment: new() { ["CAKE_MLNODE_DEPLOYTIMEOUT"] = "-1" });

        var error = Assert.Throws<InputException>(() => reader.Number(MlNodeArguments.DeployTimeout));

        Assert.Contains("from CAKE_MLNODE_DEPLOYTIMEOUT", error.Message);
    }

    [Theory]
    [InlineData("", true)]
    [InlineData("true", true)]
    [InlineData("false", false)]
    public void Flag_PresentOrExplicit_IsRead(string value, bool expected)
    {
        Assert.Equal(expected, Reader([new("skip-download", value)]).Flag(MlNodeArguments.SkipDownload));
    }

    [Fact]
    public void Flag_Nonsense_IsRefused()
    {
        Assert.Throws<InputException>(() => Reader([new("skip-download", "maybe")]).Flag(MlNodeArguments.SkipDownload));
    }

    [Fact]
    public void Text_GivenTwice_IsRefused()
    {
        var error = Assert.Throws<InputException>(() => Reader([new("model", "A/B"), new("model", "C/D")]).Text(MlNodeArguments.Model));

        Assert.Contains("given 2 times", error.Message);
    }

    [Fact]
    public void List_RepeatedArgument_KeepsOrder()
    {
        var values = Reader([new("extra-arg", "--enforce-eager"), new("extra-arg", "--seed"), new("extra-arg", "7")]).List(MlNodeArguments.ExtraArg);

        Assert.Equal(["--enforce-eager", "--seed", "7"], values);
    }

    [Fact]
    public void Choice_UnknownWord_ListsTheChoices()
    {
        var error = Assert.Throws<InputException>(() => Reader([new("dtype", "int4")]).Choice(MlNodeArguments.Dtype));

        Assert.Contains("must be one of auto, float16, bfloat16, fp8", error.Message);
    }

    [Fact]
    public void Records_KeepTheSourceOfEveryValueRead()
    {
        var reader = Reader([new("warmup-seconds", "5")], config: "[MlNode]\nDeployTimeout=900");
        reader.Number(MlNodeArguments.WarmupSeconds);
        reader.Number(MlNodeArguments.DeployTimeout);
        reader.Number(MlNodeArguments.MeasureSeconds);

        Assert.Equal(
            [new SettingRecord("warmup-seconds", "5", ValueSource.Cli), new SettingRecord("deploy-timeout", "900", ValueSource.CakeConfig), new SettingRecord("measure-seconds", "60", ValueSource.Default)],
            reader.Records);
    }
}
