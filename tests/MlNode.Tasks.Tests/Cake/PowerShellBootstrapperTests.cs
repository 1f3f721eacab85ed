using MlNode.Simulator;
using MlNode.Tasks.Tests.Support;

namespace MlNode.Tasks.Tests.Cake;

/// <summary>
/// build.ps1 run by <c>pwsh -File</c> (how a shebang start and a Windows shortcut run it): the same graph, the same
/// cake.config, the caller's arguments intact and the tool's exit code. Skipped where pwsh is not installed.
/// </summary>
[Collection("cake-fleet")]
[Trait("Category", "Integration")]
public sealed class PowerShellBootstrapperTests : IDisposable
{
    private readonly TempDirectory _root = new();

    [Fact]
    public async Task HelpFlag_ThroughBuildPs1_ListsTheGraphWithCakeConfigDefaults()
    {
        var pwsh = RequirePwsh();

        var run = await CakeRunner.RunPowerShellAsync(pwsh, ["--help"]);

        Assert.Equal(0, run.ExitCode);
        Assert.Matches(@"Validate\s+\[4/4\].*\(after Throughput\)", run.Stdout);
        Assert.Contains("default: 7200; now: 7200 (default)", run.Stdout);
    }

    [Fact]
    public async Task Arguments_WithColonsAndSpaces_ReachTheToolIntactAndExitTwoOnFraud()
    {
        // Given a dishonest node on a URL with a port and credentials, and relative paths typed in the caller's folder
        var pwsh = RequirePwsh();
        await using var node = await MlNodeSimulator.StartAsync(RunHarness.With("dishonest:0.5"));
        TestReferences.Write(_root.Combine("refs"), TestReferences.Document());
        var url = node.BaseUrl.Replace("http://", "http://operator:hunter2@", StringComparison.Ordinal);

        // When build.ps1 runs the chain through pwsh -File, which cuts '-' arguments at their first colon
        var run = await CakeRunner.RunPowerShellAsync(
            pwsh,
            ["--target=Report", $"--mlnode-url={url}", $"--model={TestReferences.Model}", "--references-path=refs", "--experiments-root=my runs", "--skip-throughput", .. RunHarness.FastCommandLine],
            workingDirectory: _root.Path);

        // Then the URL arrived whole (the node was reached), the spaced path too, and fraud is exit code 2
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("verdict: FAIL (fraud_detected)", run.Stdout);
        Assert.Single(Directory.GetDirectories(_root.Combine("my runs")));
        Assert.DoesNotContain("hunter2", run.Output);
    }

    [Fact]
    public async Task BadModel_ThroughBuildPs1_IsOneErrorLineAndExitOne()
    {
        var pwsh = RequirePwsh();

        var run = await CakeRunner.RunPowerShellAsync(pwsh, ["--target=Validate", "--model=qwen 0.6B", "--mlnode-url=http://127.0.0.1:9"]);

        Assert.Equal(1, run.ExitCode);
        Assert.StartsWith("ERROR: --model='qwen 0.6B' is not a full HuggingFace model id", run.LastLine);
    }

    [Theory]
    [InlineData("--model=", "ERROR: --model= has an empty value; give one")]
    [InlineData("Report", "ERROR: 'Report' is not an argument; arguments are --name=value")]
    [InlineData("--verbosity=bogus", "ERROR: --verbosity=bogus is not a verbosity; use quiet, minimal, normal, verbose or diagnostic")]
    [InlineData("--exclusive=1", "ERROR: --exclusive is a switch; give it alone (--exclusive) or as --exclusive=true or =false, not =1")]
    [InlineData("-model=", "ERROR: -model= has an empty value; give one")]
    [InlineData("-model=x", "ERROR: -model=x has one dash; arguments are --name=value (did you mean --model=x?)")]
    [InlineData("--=x", "ERROR: '--=x' is not an argument: a name is two or more letters")]
    [InlineData("--x y=z", "ERROR: '--x y=z' is not an argument: a name is two or more letters")]
    [InlineData("--a\"b=1", "ERROR: '--a\"b=1' is not an argument: a name is two or more letters")]
    [InlineData("--", "ERROR: '--' is not an argument: a name is two or more letters")]
    [InlineData("-url=http://u:s3cret@p@ss/w@h:1", "ERROR: -url=http://***@h:1 has one dash")]
    [InlineData("http://u:s3cret@h:1", "ERROR: 'http://***@h:1' is not an argument")]
    public async Task ArgumentCakesParserRefuses_ThroughBuildPs1_IsOneErrorLineNotCakesExit255(string argument, string expected)
    {
        var pwsh = RequirePwsh();

        var run = await CakeRunner.RunPowerShellAsync(pwsh, [argument, "--target=Report", "--mlnode-url=http://127.0.0.1:9"]);

        Assert.Equal(1, run.ExitCode);
        Assert.StartsWith(expected, run.LastLine);
        Assert.DoesNotContain("s3cret", run.Output);
        Assert.DoesNotContain("ss/w", run.Output);
    }

    [Fact]
    public async Task ValuesEndingInEquals_ThroughBuildPs1_AreValuesAndNoSecretIsPrinted()
    {
        var pwsh = RequirePwsh();

        var run = await CakeRunner.RunPowerShellAsync(pwsh, ["--target=Help", "--mlnode-url=http://user:s3cret@127.0.0.1:9/?x=", "--block-hash=abc==", "--node-arg=--served-model-name="]);

        Assert.True(run.ExitCode == 0, run.Output);
        Assert.Contains("abc==", run.Output);
        Assert.DoesNotContain("s3cret", run.Output);
    }

    public void Dispose() => _root.Dispose();

    private static string RequirePwsh()
    {
        var pwsh = FindPwsh();
        Assert.SkipWhen(pwsh is null, "pwsh is not installed, so build.ps1 is not exercised; install it with `dotnet tool install --tool-path artifacts/tools/pwsh PowerShell` (.ci/run does)");
        return pwsh!;
    }

    private static string? FindPwsh()
    {
        var local = Path.Combine(RepositoryPaths.Root, "artifacts", "tools", "pwsh", OperatingSystem.IsWindows() ? "pwsh.exe" : "pwsh");
        if (File.Exists(local))
        {
            return local;
        }

        var name = OperatingSystem.IsWindows() ? "pwsh.exe" : "pwsh";
        return (Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, name))
            .FirstOrDefault(File.Exists);
    }
}
