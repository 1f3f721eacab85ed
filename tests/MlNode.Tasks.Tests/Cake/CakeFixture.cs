using MlNode.Tasks.Tests.Support;

namespace MlNode.Tasks.Tests.Cake;

/// <summary>
/// Runs ./build.sh once before the Cake tests, so the Cake runner is restored and the library built before any
/// test times a run; the tests of the collection then run one at a time (each is a real process).
/// </summary>
public sealed class CakeFixture : IAsyncLifetime
{
    public async ValueTask InitializeAsync()
    {
        var run = await CakeRunner.RunAsync(["--target=Help"], timeout: TimeSpan.FromMinutes(5));
        Assert.True(run.ExitCode == 0, "./build.sh --target=Help failed:\n" + run.Output);
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}

[CollectionDefinition("cake", DisableParallelization = true)]
public sealed class CakeCollection : ICollectionFixture<CakeFixture>
{
}
