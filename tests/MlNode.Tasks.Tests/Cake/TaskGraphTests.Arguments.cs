using MlNode.Tasks.Tests.Support;

namespace MlNode.Tasks.Tests.Cake;

[Trait("Category", "Integration")]
public sealed partial class TaskGraphTests
{
    [Fact]
    public async Task MissingModel_IsOneErrorLineExitOneAndNothingWritten()
    {
        var run = await CakeRunner.RunAsync(["--target=Report", "--mlnode-url=http://127.0.0.1:9", $"--experiments-root={Experiments}"]);

        Assert.Equal(1, run.ExitCode);
        Assert.Equal(["ERROR: --model is required and has no default; pass it explicitly, e.g. --model=Qwen/Qwen3-0.6B"], NonEmptyLines(run.Stdout));
        Assert.DoesNotContain("Setup", run.Output);
        Assert.False(Directory.Exists(Experiments));
    }

    [Fact]
    public async Task UnknownArgument_SuggestsTheRightOne()
    {
        var run = await CakeRunner.RunAsync(["--target=Report", "--mlnode-url=http://127.0.0.1:9", "--model=A/B", "--warmup-secs=3"]);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("ERROR: unknown argument --warmup-secs; did you mean --warmup-seconds?", run.Stdout);
    }

    [Fact]
    public async Task UnknownTarget_IsAnErrorExitOneNotASilentSuccess()
    {
        var run = await CakeRunner.RunAsync(["--target=Vaildate", "--mlnode-url=http://127.0.0.1:9", "--model=A/B"]);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("ERROR: The target 'Vaildate' was not found. Did you mean --target=Validate?", run.Stdout);
        Assert.Contains("./build.sh --target=Help", run.Stdout);
    }

    [Theory]
    [InlineData("--stop-timeout=1e300", "")]
    [InlineData("--measure-seconds=1e300", "--dryrun")]
    [InlineData("--request-timeout=0.001", "")]
    public async Task Run_NumberOutOfRange_IsAnErrorBeforeAnyFolderOrRequest(string argument, string dryRun)
    {
        // Given
        TestReferences.Write(References, TestReferences.Document());
        await using var node = await Node();
        string[] extra = dryRun.Length == 0 ? [argument] : [argument, dryRun];

        // When
        var run = await CakeRunner.RunAsync(["--target=Report", .. Against(node, extra)]);

        // Then: one ERROR line, exit 1, the node never contacted and no experiment folder.
        Assert.Equal(1, run.ExitCode);
        Assert.StartsWith($"ERROR: {argument} is out of range; it takes ", run.LastLine);
        Assert.Empty(node.Journal.Requests);
        Assert.False(Directory.Exists(Experiments));
    }

    [Theory]
    [InlineData("--model=", "ERROR: --model= has an empty value; give one")]
    [InlineData("Report", "ERROR: 'Report' is not an argument; arguments are --name=value")]
    [InlineData("--verbosity=bogus", "ERROR: --verbosity=bogus is not a verbosity; use quiet, minimal, normal, verbose or diagnostic")]
    [InlineData("--exclusive=1", "ERROR: --exclusive is a switch; give it alone (--exclusive) or as --exclusive=true or =false, not =1")]
    [InlineData("-model=", "ERROR: -model= has an empty value; give one")]
    [InlineData("-model=x", "ERROR: -model=x has one dash; arguments are --name=value (did you mean --model=x?)")]
    [InlineData("http://u:s3cret@h:1", "ERROR: 'http://***@h:1' is not an argument")]
    [InlineData("-v", "ERROR: -v needs a value")]
    [InlineData("--=x", "ERROR: '--=x' is not an argument: a name is two or more letters")]
    [InlineData("--x y=z", "ERROR: '--x y=z' is not an argument: a name is two or more letters")]
    [InlineData("--a\"b=1", "ERROR: '--a\"b=1' is not an argument: a name is two or more letters")]
    [InlineData("--", "ERROR: '--' is not an argument: a name is two or more letters")]
    [InlineData("-url=http://u:s3cret@p@ss/w@h:1", "ERROR: -url=http://***@h:1 has one dash")]
    public async Task BuildSh_ArgumentCakesParserRefuses_IsOneErrorLineNotCakesExit255(string argument, string expected)
    {
        var run = await CakeRunner.RunAsync(["--target=Report", "--mlnode-url=http://127.0.0.1:9", argument]);

        Assert.Equal(1, run.ExitCode);
        Assert.StartsWith(expected, run.LastLine);
        Assert.DoesNotContain("^", run.Output);
        Assert.DoesNotContain("s3cret", run.Output);
        Assert.DoesNotContain("ss/w", run.Output);
    }

    [Fact]
    public async Task BuildSh_ValuesEndingInEquals_AreValuesAndNoSecretIsPrinted()
    {
        // Given: a URL whose query ends in '=' (with a password), base64 values and a node arg that ends in '='
        string[] arguments = ["--target=Help", "--mlnode-url=http://user:s3cret@127.0.0.1:9/?x=", "--block-hash=abc==", "--public-key=AAAA=", "--node-arg=--served-model-name="];

        // When
        var run = await CakeRunner.RunAsync(arguments);

        // Then: accepted (the help shows them), and the password appears nowhere
        Assert.True(run.ExitCode == 0, run.Output);
        Assert.Contains("abc==", run.Output);
        Assert.DoesNotContain("has an empty value", run.Output);
        Assert.DoesNotContain("s3cret", run.Output);
    }

    [Theory]
    [InlineData("--dryrun")]
    [InlineData("")]
    public async Task BuildSh_RunsStartedTogetherOnAColdScriptCache_AllRun(string dryRun)
    {
        // Given: a script cache of its own with nothing compiled in it, as after a rebuild; Cake writes the compiled
        // script there without a lock, so runs that find it missing together collided (5 of 6 exited 1 with "The
        // process cannot access the file").
        var environment = new Dictionary<string, string?> { ["CAKE_PATHS_CACHE"] = _root.Combine("cake-cache") };
        string[] arguments = ["--target=CrossCheck", "--mlnode-urls=http://127.0.0.1:9,http://127.0.0.1:10", "--model=Org/M", $"--experiments-root={Experiments}", "--dryrun"];
        if (dryRun.Length == 0)
        {
            arguments = ["--target=Help"];
        }

        // When: four runs of the same kind at once
        var runs = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => CakeRunner.RunAsync(arguments, environment)));

        // Then: every one ran, and one compiled script serves them
        Assert.All(runs, run => Assert.True(run.ExitCode == 0, run.Output));
        Assert.Single(Directory.GetFiles(_root.Combine("cake-cache"), "build.*.dll"));
    }
}
