using MlNode.Tasks.Common;
using MlNode.Tasks.Configuration;
using MlNode.Tasks.Reports;
using MlNode.Tasks.Tests.Support;

namespace MlNode.Tasks.Tests.Reports;

[Trait("Category", "Integration")]
public sealed class ExperimentDirectoryTests : IDisposable
{
    private static readonly DateTimeOffset Noon = new(2026, 11, 25, 12, 30, 5, TimeSpan.Zero);
    private readonly TempDirectory _root = new();

    [Fact]
    public void Claim_AutoName_IsNameUnderscoreTimestampUnderTheRoot()
    {
        var dir = ExperimentDirectory.Claim(new ExperimentPlan(null, _root.Path, "mlnode_validate_qwen-qwen3-0.6b"), Noon);

        Assert.Equal(Path.Combine(_root.Path, "mlnode_validate_qwen-qwen3-0.6b_" + Noon.ToLocalTime().ToString("yyyy-MM-dd_HHmmss", System.Globalization.CultureInfo.InvariantCulture)), dir);
        Assert.True(File.Exists(Path.Combine(dir, ExperimentDirectory.ClaimMarker)));
    }

    [Fact]
    public void Claim_TwoRunsInTheSameSecond_GetDifferentFolders()
    {
        var plan = new ExperimentPlan(null, _root.Path, "run");

        var first = ExperimentDirectory.Claim(plan, Noon);
        var second = ExperimentDirectory.Claim(plan, Noon);

        Assert.NotEqual(first, second);
        Assert.EndsWith("_2", second);
    }

    [Fact]
    public async Task Claim_ManyConcurrentRuns_NeverShareAFolder()
    {
        var plan = new ExperimentPlan(null, _root.Path, "busy");

        var folders = await Task.WhenAll(Enumerable.Range(0, 24).Select(_ => Task.Run(() => ExperimentDirectory.Claim(plan, Noon))));

        Assert.Equal(24, folders.Distinct().Count());
    }

    [Fact]
    public void Claim_ExplicitFolderHoldingAReport_IsRefusedAndUntouched()
    {
        var dir = _root.Combine("old-run");
        Directory.CreateDirectory(dir);
        File.WriteAllText(Path.Combine(dir, ExperimentDirectory.ReportFile), "{\"verdict\":\"PASS\"}");

        var error = Assert.Throws<InputException>(() => ExperimentDirectory.Claim(new ExperimentPlan(dir, _root.Path, "x"), Noon));

        Assert.Contains("already holds a report", error.Message);
        Assert.Equal("{\"verdict\":\"PASS\"}", File.ReadAllText(Path.Combine(dir, ExperimentDirectory.ReportFile)));
    }

    [Fact]
    public void Claim_ExplicitFolderClaimedByAnotherRun_IsRefused()
    {
        var dir = _root.Combine("shared");
        ExperimentDirectory.Claim(new ExperimentPlan(dir, _root.Path, "x"), Noon);

        var error = Assert.Throws<InputException>(() => ExperimentDirectory.Claim(new ExperimentPlan(dir, _root.Path, "x"), Noon));

        Assert.Contains("already in use by another run", error.Message);
    }

    [Fact]
    public void Claim_MarkerOfAProcessThatIsGone_IsTakenOverWithAWarning()
    {
        // Given: a folder claimed by a run that was killed (its process has exited) before it wrote a report.
        var dir = _root.Combine("killed");
        Directory.CreateDirectory(dir);
        File.WriteAllText(Path.Combine(dir, ExperimentDirectory.ClaimMarker), $"{ExitedProcessId()} 638000000000000000");
        var warnings = new List<string>();

        // When
        var claimed = ExperimentDirectory.Claim(new ExperimentPlan(dir, _root.Path, "x"), Noon, warnings.Add);

        // Then
        Assert.Equal(dir, claimed);
        Assert.Contains("was claimed by a run whose process is gone (killed?); taking the folder over", Assert.Single(warnings));
        Assert.Equal(ProcessLiveness.CurrentStamp(), File.ReadAllText(Path.Combine(dir, ExperimentDirectory.ClaimMarker)));
    }

    [Fact]
    public void Claim_MarkerOfALiveProcess_IsStillRefused()
    {
        var dir = _root.Combine("live");
        Directory.CreateDirectory(dir);
        File.WriteAllText(Path.Combine(dir, ExperimentDirectory.ClaimMarker), ProcessLiveness.CurrentStamp());

        var error = Assert.Throws<InputException>(() => ExperimentDirectory.Claim(new ExperimentPlan(dir, _root.Path, "x"), Noon));

        Assert.Contains("already in use by another run", error.Message);
    }

    [Fact]
    public void Claim_MarkerOfAnotherLiveProcessAsItStampedItself_IsRefused()
    {
        // Given: a claim by another live process, whose own view of its start time differs from ours by a millisecond
        // (on Linux each process derives start times from the wall clock when it asks).
        using var other = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("sleep", "30") { UseShellExecute = false })!;
        try
        {
            var dir = _root.Combine("other-live");
            Directory.CreateDirectory(dir);
            var ownView = other.StartTime.ToUniversalTime().Ticks + TimeSpan.FromMilliseconds(1).Ticks;
            File.WriteAllText(Path.Combine(dir, ExperimentDirectory.ClaimMarker), $"{other.Id} {ownView}");
            var warnings = new List<string>();

            // When
            var error = Assert.Throws<InputException>(() => ExperimentDirectory.Claim(new ExperimentPlan(dir, _root.Path, "x"), Noon, warnings.Add));

            // Then: the live run keeps its folder
            Assert.Contains("already in use by another run", error.Message);
            Assert.Empty(warnings);
            Assert.Equal($"{other.Id} {ownView}", File.ReadAllText(Path.Combine(dir, ExperimentDirectory.ClaimMarker)));
        }
        finally
        {
            other.Kill();
        }
    }

    [Fact]
    public async Task Claim_ManyRunsAtOnceOverOneStaleClaim_ExactlyOneTakesItOver()
    {
        // Given: a folder left by a killed run, and sixteen runs that want it at once
        var dir = _root.Combine("contested");
        Directory.CreateDirectory(dir);
        File.WriteAllText(Path.Combine(dir, ExperimentDirectory.ClaimMarker), $"{ExitedProcessId()} 638000000000000000");

        // When
        var attempts = await Task.WhenAll(Enumerable.Range(0, 16).Select(_ => Task.Run(() =>
        {
            try
            {
                return ExperimentDirectory.Claim(new ExperimentPlan(dir, _root.Path, "x"), Noon);
            }
            catch (InputException)
            {
                return null;
            }
        })));

        // Then
        Assert.Single(attempts, a => a is not null);
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/.")]
    public void Claim_ExplicitFilesystemRoot_IsRefusedBeforeAnythingIsWritten(string root)
    {
        var error = Assert.Throws<InputException>(() => ExperimentDirectory.Claim(new ExperimentPlan(root, _root.Path, "x"), Noon));

        Assert.Contains("is the root of the filesystem", error.Message);
        Assert.False(File.Exists(Path.Combine("/", ExperimentDirectory.ClaimMarker)));
    }

    [Fact]
    public void Claim_LinkToTheFilesystemRoot_IsRefusedAsTheRootItself()
    {
        // Given: a link in the user's folder that leads to "/" (removed before the folder is cleaned up, so nothing walks it)
        var link = _root.Combine("looks-harmless");
        Directory.CreateSymbolicLink(link, "/");
        try
        {
            // When
            var error = Assert.Throws<InputException>(() => ExperimentDirectory.Claim(new ExperimentPlan(link, _root.Path, "x"), Noon));

            // Then
            Assert.Contains("is the root of the filesystem", error.Message);
            Assert.False(File.Exists(Path.Combine("/", ExperimentDirectory.ClaimMarker)));
        }
        finally
        {
            File.Delete(link);
        }
    }

    [Fact]
    public void Claim_ExplicitFolderHoldingAUsersPageOfTheSameName_IsRefusedAndTheFileKept()
    {
        var dir = _root.Combine("users");
        Directory.CreateDirectory(dir);
        File.WriteAllText(Path.Combine(dir, ExperimentDirectory.HtmlFile), "<p>my notes</p>");

        var error = Assert.Throws<InputException>(() => ExperimentDirectory.Claim(new ExperimentPlan(dir, _root.Path, "x"), Noon));

        Assert.Contains("already holds a file named validate_report.html", error.Message);
        Assert.Equal("<p>my notes</p>", File.ReadAllText(Path.Combine(dir, ExperimentDirectory.HtmlFile)));
        Assert.False(File.Exists(Path.Combine(dir, ExperimentDirectory.ClaimMarker)));
    }

    /// <summary>The id of a process that has run and exited (so no process has it, barring reuse).</summary>
    internal static int ExitedProcessId()
    {
        using var process = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("true") { UseShellExecute = false })!;
        process.WaitForExit();
        return process.Id;
    }

    [Fact]
    public void Claim_UnwritableRoot_IsAClearInputError()
    {
        var file = _root.Combine("not-a-folder");
        File.WriteAllText(file, "x");

        var error = Assert.Throws<InputException>(() => ExperimentDirectory.Claim(new ExperimentPlan(null, file, "x"), Noon));

        Assert.Contains("cannot create the experiment folder", error.Message);
    }

    public void Dispose() => _root.Dispose();
}
