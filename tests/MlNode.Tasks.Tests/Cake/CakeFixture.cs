using MlNode.Tasks.Tests.Support;

namespace MlNode.Tasks.Tests.Cake;

/// <summary>
/// Runs ./build.sh once per test process before the first Cake test, so the Cake runner is restored and the
/// library built before any test times a run. The real-process tests are split into four collections that run
/// beside each other and beside the in-process tests: most of their time is spent waiting on a simulated node,
/// not on a core. Within a collection they run one at a time.
/// </summary>
public sealed class CakeFixture : IAsyncLifetime
{
    // One build for every collection that shares this fixture: two bootstrappers building at once would race.
    private static readonly Lazy<Task<CakeRun>> Build = new(() => CakeRunner.RunAsync(["--target=Help"], timeout: TimeSpan.FromMinutes(5)));

    public async ValueTask InitializeAsync()
    {
        var run = await Build.Value;
        Assert.True(run.ExitCode == 0, "./build.sh --target=Help failed:\n" + run.Output);
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}

/// <summary>The single-run targets and their demos.</summary>
[CollectionDefinition("cake")]
public sealed class CakeCollection : ICollectionFixture<CakeFixture>
{
}

/// <summary>Fleets, metrics and the PowerShell bootstrapper.</summary>
[CollectionDefinition("cake-fleet")]
public sealed class CakeFleetCollection : ICollectionFixture<CakeFixture>
{
}

/// <summary>The addin feed, the terminal, Compare and CrossCheck.</summary>
[CollectionDefinition("cake-addin")]
public sealed class CakeAddinCollection : ICollectionFixture<CakeFixture>
{
}

/// <summary>The graph, signals and CI integration.</summary>
[CollectionDefinition("cake-graph")]
public sealed class CakeGraphCollection : ICollectionFixture<CakeFixture>
{
}
