using MlNode.Tasks.Common;
using MlNode.Tasks.Configuration;
using MlNode.Tasks.Tests.Support;

namespace MlNode.Tasks.Tests.Configuration;

public sealed class RunSettingsResolverTests : IDisposable
{
    private readonly TempDirectory _root = new();

    public RunSettingsResolverTests()
    {
        TestReferences.Write(_root.Combine("references"), TestReferences.Document(additionalArgs: ["--tensor-parallel-size", "8", "--max-model-len", "4096"]));
    }

    private RunSettings Resolve(params (string Name, string Value)[] arguments) =>
        RunSettingsResolver.Resolve(Sources(arguments), TaskPlan.AllPhases);

    private SettingsSources Sources((string Name, string Value)[] arguments, string? workingDirectory = null)
    {
        var all = new List<KeyValuePair<string, string>> { new("mlnode-url", "http://10.0.0.5:8080"), new("model", TestReferences.Model) };
        foreach (var (name, value) in arguments)
        {
            all.RemoveAll(a => a.Key == name);
            if (value is not null)
            {
                all.Add(new(name, value));
            }
        }

        var grouped = all.GroupBy(a => a.Key).ToDictionary(g => g.Key, g => (IReadOnlyList<string>)g.Select(a => a.Value).ToList());
        return new SettingsSources(grouped, new Dictionary<string, string>(), IniFile.Empty, _root.Path, workingDirectory);
    }

    private InputException Refused(params (string Name, string Value)[] arguments)
    {
        var error = Assert.Throws<InputException>(() => Resolve(arguments));
        Assert.False(Directory.Exists(_root.Combine("data")), "bad input must not create the experiment folder");
        return error;
    }

    [Theory]
    [InlineData("mlnode-url", "--mlnode-url is required and has no default; pass it explicitly, e.g. --mlnode-url=http://10.0.0.5:8080")]
    [InlineData("model", "--model is required and has no default; pass it explicitly, e.g. --model=Qwen/Qwen3-0.6B")]
    public void Resolve_MissingRequiredInput_NamesItWithAnExample(string missing, string message)
    {
        Assert.Equal(message, Refused((missing, null!)).Message);
    }

    [Fact]
    public void Resolve_ShortModelName_AsksForTheFullId() =>
        Assert.Contains("not a full HuggingFace model id", Refused(("model", "qwen 0.6B")).Message);

    [Fact]
    public void Resolve_UrlNotHttp_IsRefused() =>
        Assert.Contains("not an absolute http(s) URL", Refused(("mlnode-url", "10.0.0.5:8080")).Message);

    [Fact]
    public void Resolve_NoReferenceForModel_PrintsTheBakeCommand()
    {
        var error = Refused(("model", "Qwen/Qwen3-0.6B"));

        Assert.Contains("no golden reference for model 'Qwen/Qwen3-0.6B'", error.Message);
        Assert.Contains("--target=BakeReference", error.Detail);
        Assert.Contains("testorg-tiny-poc-1b.json", error.Detail);
    }

    [Theory]
    [InlineData("reference")]
    [InlineData("artifact")]
    public void Resolve_ReferenceForAnotherModel_ShowsBoth(string argument)
    {
        var other = TestReferences.Write(_root.Combine("elsewhere"), TestReferences.Document(model: "Other/Model"));

        var error = Refused((argument, other));

        Assert.Contains("--model=TestOrg/Tiny-PoC-1B but", error.Message);
        Assert.Contains("is for 'Other/Model'", error.Message);
    }

    [Fact]
    public void Resolve_ModelInAnotherLetterCase_FindsTheFileButAsksForTheExactId()
    {
        var error = Refused(("model", "testorg/tiny-poc-1b"));

        Assert.Contains("is for 'TestOrg/Tiny-PoC-1B'", error.Message);
        Assert.EndsWith("the ids differ only in letter case; pass --model=TestOrg/Tiny-PoC-1B exactly", error.Message);
    }

    [Fact]
    public void Resolve_InvalidReference_IsRefusedBeforeAnythingIsWritten()
    {
        File.WriteAllText(_root.Combine("references", "testorg-tiny-poc-1b.json"), "{\"model\": \"TestOrg/Tiny-PoC-1B\"}");

        Assert.Contains("is invalid", Refused().Message);
    }

    [Fact]
    public void Resolve_RelativeReferenceFromTheCommandLine_IsRelativeToTheCallersFolder()
    {
        var caller = _root.Combine("caller");
        TestReferences.Write(Path.Combine(caller, "mine"), TestReferences.Document(), "custom.json");

        var settings = RunSettingsResolver.Resolve(Sources([("reference", "mine/custom.json")], caller), TaskPlan.AllPhases);

        Assert.Equal(Path.Combine(caller, "mine", "custom.json"), settings.Reference.FilePath);
        Assert.Equal(ValueSource.Cli, settings.ReferenceSource);
    }

    [Fact]
    public void Resolve_Defaults_FollowTheContract()
    {
        var settings = Resolve();

        Assert.Equal("http://10.0.0.5:8080", settings.Node.Display);
        Assert.Equal(ValueSource.Default, settings.ReferenceSource);
        Assert.Equal("auto", settings.Deploy.Dtype.Value);
        Assert.Equal(["--tensor-parallel-size", "8", "--max-model-len", "4096"], settings.Deploy.AdditionalArgs);
        Assert.Null(settings.Batches.Throughput); // not sent: the node's per-GPU default, as production
        Assert.Equal("reference", settings.Deploy.Baseline.Origin);
        Assert.Null(settings.Batches.Validation);
        Assert.Contains("node uses its own default batch", settings.Batches.ValidationReason);
        Assert.Equal((TimeSpan.FromSeconds(30), TimeSpan.FromMinutes(1), TimeSpan.FromSeconds(10)), (settings.Sampling.WarmupSeconds.Value, settings.Sampling.MeasureSeconds.Value, settings.Sampling.SampleInterval.Value));
        Assert.Equal((TimeSpan.FromHours(2), TimeSpan.FromMinutes(30), TimeSpan.FromMinutes(15)), (settings.Timing.DownloadTimeout.Value, settings.Timing.DeployTimeout.Value, settings.Timing.ValidationTimeout.Value));
        Assert.All(settings.Phases.Values, p => Assert.True(p.Runs));
        Assert.Equal(_root.Combine("data", "experiments"), settings.Experiment.Root);
        Assert.Equal("mlnode_validate_testorg-tiny-poc-1b", settings.Experiment.Name);
    }

    [Fact]
    public void Resolve_DeployOverrides_AddOrUpdateThenAppend()
    {
        var settings = RunSettingsResolver.Resolve(
            new SettingsSources(
                new Dictionary<string, IReadOnlyList<string>>
                {
                    ["mlnode-url"] = ["http://h:1"],
                    ["model"] = [TestReferences.Model],
                    ["tp-size"] = ["4"],
                    ["max-model-len"] = ["240000"],
                    ["extra-arg"] = ["--enforce-eager", "--kv-cache-dtype=fp8"],
                    ["dtype"] = ["bfloat16"],
                },
                new Dictionary<string, string>(),
                IniFile.Empty,
                _root.Path),
            TaskPlan.AllPhases);

        Assert.Equal(["--tensor-parallel-size", "4", "--max-model-len", "240000", "--enforce-eager", "--kv-cache-dtype=fp8"], settings.Deploy.AdditionalArgs);
        Assert.Equal(["--tensor-parallel-size", "8", "--max-model-len", "4096"], settings.Deploy.ReferenceArgs);
        Assert.Equal(["--tp-size=4", "--max-model-len=240000", "--extra-arg=--enforce-eager", "--extra-arg=--kv-cache-dtype=fp8"], settings.Deploy.Overrides);
        Assert.Equal(new Resolved<string>("bfloat16", ValueSource.Cli), settings.Deploy.Dtype);
    }

    [Fact]
    public void Resolve_ReferenceWithCollectionBatch_ValidatesAtThatBatch()
    {
        TestReferences.Write(_root.Combine("references"), TestReferences.Document(collectionBatch: 16));

        Assert.Equal(new Resolved<int>(16, ValueSource.Reference), Resolve().Batches.Validation);
        Assert.Equal(new Resolved<int>(8, ValueSource.Cli), Resolve(("validation-batch-size", "8")).Batches.Validation);
    }

    public static TheoryData<int, int, int> SourceCombinations()
    {
        var data = new TheoryData<int, int, int>();
        for (var d = 0; d < 3; d++)
        {
            for (var p = 0; p < 3; p++)
            {
                for (var f = 0; f < 3; f++)
                {
                    data.Add(d, p, f);
                }
            }
        }

        return data;
    }

    // Each key independently comes from 0 = server default, 1 = the reference, 2 = the command line.
    [Theory]
    [MemberData(nameof(SourceCombinations))]
    public void Resolve_StatTest_EachKeyTakesTheHighestSourceThatSetsIt(int dist, int pMismatch, int fraud)
    {
        var document = TestReferences.Document(
            distThreshold: dist >= 1 ? 0.3 : null,
            pMismatch: pMismatch >= 1 ? 0.05 : null,
            fraudThreshold: fraud >= 1 ? 0.02 : null);
        TestReferences.Write(_root.Combine("references"), document);
        var arguments = new List<(string, string)>();
        if (dist == 2)
        {
            arguments.Add(("threshold", "0.25"));
        }

        if (pMismatch == 2)
        {
            arguments.Add(("p-mismatch", "0.004"));
        }

        if (fraud == 2)
        {
            arguments.Add(("fraud-threshold", "0.03"));
        }

        var stat = Resolve([.. arguments]).StatTest;

        ValueSource Source(int layer) => layer switch { 0 => ValueSource.ServerDefault, 1 => ValueSource.Reference, _ => ValueSource.Cli };
        Assert.Equal(new Resolved<double>(new[] { 0.02, 0.3, 0.25 }[dist], Source(dist)), stat.DistThreshold);
        Assert.Equal(new Resolved<double>(new[] { 0.001, 0.05, 0.004 }[pMismatch], Source(pMismatch)), stat.PMismatch);
        Assert.Equal(new Resolved<double>(new[] { 0.01, 0.02, 0.03 }[fraud], Source(fraud)), stat.FraudThreshold);
    }

    [Fact]
    public void Resolve_RealGlmReference_StatTestBlockWinsOverServerDefaults()
    {
        var directory = TestReferences.RealReferencesDirectory();
        Assert.SkipWhen(directory is null, "../shared/fixtures/real-references is not present on this machine");

        var settings = RunSettingsResolver.Resolve(
            Sources([("model", "zai-org/GLM-5.3-Flash"), ("reference", Path.Combine(directory!, "zai-org-glm-5.3-flash.first64.json"))]),
            TaskPlan.AllPhases);

        Assert.Equal(new StatTestSettings(new(0.44, ValueSource.Reference), new(0.1, ValueSource.Reference), new(0.05, ValueSource.Reference)), settings.StatTest);
        Assert.Equal(21, settings.Deploy.AdditionalArgs.Count);
    }

    [Theory]
    [InlineData("../escape")]
    [InlineData("a/b")]
    [InlineData("a\\b")]
    [InlineData("x..y")]
    public void Resolve_ExpNameWithPathParts_IsRefused(string name) =>
        Assert.Contains("must be a plain folder-name prefix", Refused(("exp-name", name)).Message);

    [Fact]
    public void Resolve_PollCeilingBelowFloor_IsRefused() =>
        Assert.Contains("below --poll-interval-min", Refused(("poll-interval-min", "2"), ("poll-interval-max", "1")).Message);

    [Fact]
    public void Resolve_PasswordInUrl_IsMaskedInRawArguments()
    {
        var settings = Resolve(("mlnode-url", "http://ops:pa55word@10.0.0.5:8080"));

        Assert.Equal("http://***@10.0.0.5:8080", settings.Node.Display);
        Assert.DoesNotContain("pa55word", string.Join(" ", settings.RawArguments.SelectMany(a => a.Value)));
    }

    public void Dispose() => _root.Dispose();
}
