using MlNode.Simulator;
using MlNode.Tasks.Common;
using MlNode.Tasks.Tests.Support;

namespace MlNode.Tasks.Tests.Cake;

/// <summary>A password in --mlnode-url, however it is spelled, reaches no output channel: console, help, dry run, files, CI.</summary>
[Collection("cake-graph")]
[Trait("Category", "Integration")]
public sealed class SecretsTests : IDisposable
{
    // s3cretPW typed plainly, with an unreserved character percent-encoded (P = %50), and with a lower-case escape (Z = %5a).
    public static TheoryData<string, string> Spellings() => new()
    {
        { "s3cretPW", "s3cretPW" },
        { "s3cret%50W", "s3cretPW" },
        { "s3cret%5aW", "s3cretZW" },
    };

    private readonly TempDirectory _root = new();

    [Theory]
    [MemberData(nameof(Spellings))]
    public async Task Report_PasswordInEverySpelling_ReachesNoChannel(string typed, string decoded)
    {
        // Given: a node, a reference, GitHub Actions' files, and the password in the URL as the user typed it.
        TestReferences.Write(_root.Combine("references"), TestReferences.Document());
        await using var node = await MlNodeSimulator.StartAsync(RunHarness.FastSimulator);
        var url = node.BaseUrl.Replace("http://", $"http://operator:{typed}@", StringComparison.Ordinal);
        var github = new Dictionary<string, string?>
        {
            ["GITHUB_ACTIONS"] = "true",
            ["GITHUB_STEP_SUMMARY"] = _root.Combine("summary.md"),
            ["GITHUB_OUTPUT"] = _root.Combine("outputs.txt"),
        };
        string[] common = [$"--mlnode-url={url}", $"--model={TestReferences.Model}", $"--references-path={_root.Combine("references")}", $"--experiments-root={_root.Combine("experiments")}", .. RunHarness.FastCommandLine];

        // When: a full run at diagnostic verbosity, help, and a dry run.
        var run = await CakeRunner.RunAsync(["--target=Report", "--verbosity=diagnostic", .. common], github);
        var help = await CakeRunner.RunAsync(["--target=Help", $"--mlnode-url={url}"]);
        var dry = await CakeRunner.RunAsync(["--target=Report", "--dryrun", .. common]);

        // Then: the node was reached with the credentials, and no channel holds any spelling of the password.
        Assert.True(run.ExitCode == ExitCodes.Pass, run.Output);
        Assert.NotNull(node.Journal.Requests.First().Headers.GetValueOrDefault("Authorization"));
        Assert.Contains("now: http://***@127.0.0.1", help.Stdout);
        var channels = new List<(string Name, string Text)> { ("run console", run.Output), ("help", help.Output), ("dry run", dry.Output) };
        channels.AddRange(Directory.GetFiles(_root.Path, "*", SearchOption.AllDirectories)
            .Where(f => !f.StartsWith(_root.Combine("references"), StringComparison.Ordinal))
            .Select(f => (f, File.ReadAllText(f))));
        Assert.Contains(channels, c => c.Name.EndsWith("validate_report.json", StringComparison.Ordinal));
        Assert.Contains(channels, c => c.Name.EndsWith("summary.md", StringComparison.Ordinal));
        foreach (var (name, text) in channels)
        {
            foreach (var secret in new[] { typed, decoded, "operator:" + typed })
            {
                Assert.False(text.Contains(secret, StringComparison.OrdinalIgnoreCase), $"{name} holds '{secret}'");
            }
        }
    }

    [Fact]
    public async Task Report_AuthorizationWithALineBreak_IsAnInputError()
    {
        var run = await CakeRunner.RunAsync(
            ["--target=Report", "--dryrun", "--mlnode-url=http://127.0.0.1:9", $"--model={TestReferences.Model}"],
            new Dictionary<string, string?> { ["MLNODE_AUTHORIZATION"] = "Bearer abc\ndef" });

        Assert.Equal(1, run.ExitCode);
        Assert.StartsWith("ERROR: MLNODE_AUTHORIZATION holds a line break or another control character", run.LastLine);
        Assert.DoesNotContain("this is a bug", run.Output);
        Assert.DoesNotContain("abc", run.Output);
    }

    public void Dispose() => _root.Dispose();
}
