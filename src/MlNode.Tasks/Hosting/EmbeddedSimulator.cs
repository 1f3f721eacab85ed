using System.Reflection;
using System.Runtime.Loader;
using MlNode.Tasks.Common;

namespace MlNode.Tasks.Hosting;

/// <summary>
/// Runs the MLNode simulator inside the current process (the Cake runner) on a loopback port. The simulator is
/// an ASP.NET Core app while the runner is a plain .NET app that ships its own, older Microsoft.Extensions
/// assemblies, so the simulator gets an isolated load context: its own assemblies and the ASP.NET Core shared
/// framework load there, and only framework types (string, Tuple, IAsyncDisposable) cross the boundary.
/// </summary>
internal sealed class EmbeddedSimulator : IAsyncDisposable
{
    private const string EntryType = "MlNode.Simulator.Hosting.EmbeddedEntry";
    private readonly IAsyncDisposable _handle;

    private EmbeddedSimulator(string baseUrl, IAsyncDisposable handle)
    {
        BaseUrl = baseUrl;
        _handle = handle;
    }

    /// <summary>Gets the simulator's base URL.</summary>
    public string BaseUrl { get; }

    /// <summary>Starts a simulator from its assembly with command-line style options.</summary>
    /// <exception cref="InputException">The assembly is missing or an option is invalid.</exception>
    public static EmbeddedSimulator Start(string simulatorAssembly, IEnumerable<string> options)
    {
        var entry = LoadEntry(simulatorAssembly, "Start");
        try
        {
            var started = (Tuple<string, IAsyncDisposable>)entry.Invoke(null, [options.ToArray()])!;
            return new EmbeddedSimulator(started.Item1, started.Item2);
        }
        catch (TargetInvocationException ex) when (ex.InnerException is FormatException format)
        {
            throw new InputException($"simulator option error: {format.Message}");
        }
        catch (TargetInvocationException ex) when (ex.InnerException is IOException io)
        {
            throw new InputException($"the simulator could not start: {io.Message} (is the port already in use? pick another with --port)");
        }
    }

    /// <summary>The simulator's option help lines.</summary>
    public static IReadOnlyList<string> Help(string simulatorAssembly) => (string[])LoadEntry(simulatorAssembly, "Help").Invoke(null, [])!;

    /// <inheritdoc />
    public ValueTask DisposeAsync() => _handle.DisposeAsync();

    private static MethodInfo LoadEntry(string simulatorAssembly, string method)
    {
        var path = Path.GetFullPath(simulatorAssembly);
        if (!File.Exists(path))
        {
            throw new InputException($"the embedded MLNode simulator is not built (expected {path}); run ./build.sh, which builds it");
        }

        var context = Contexts.GetOrAdd(path, p => new SimulatorLoadContext(p));
        var assembly = context.LoadFromAssemblyPath(path);
        return assembly.GetType(EntryType, throwOnError: true)!.GetMethod(method, BindingFlags.Public | BindingFlags.Static)!;
    }

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, SimulatorLoadContext> Contexts = new(StringComparer.Ordinal);

    /// <summary>Resolves the simulator's own assemblies, then the ASP.NET Core shared framework; the rest comes from the host.</summary>
    private sealed class SimulatorLoadContext : AssemblyLoadContext
    {
        private readonly string[] _probe;

        public SimulatorLoadContext(string mainAssembly)
            : base("MlNode.Simulator", isCollectible: false)
        {
            // .../shared/Microsoft.NETCore.App/<version>/ → .../shared/Microsoft.AspNetCore.App/<same version>/
            var runtimeDirectory = Path.GetDirectoryName(typeof(object).Assembly.Location)!;
            var version = Path.GetFileName(runtimeDirectory);
            var shared = Path.GetDirectoryName(Path.GetDirectoryName(runtimeDirectory))!;
            var aspNet = Path.Combine(shared, "Microsoft.AspNetCore.App", version);
            if (!Directory.Exists(aspNet))
            {
                aspNet = Directory.Exists(Path.Combine(shared, "Microsoft.AspNetCore.App"))
                    ? Directory.GetDirectories(Path.Combine(shared, "Microsoft.AspNetCore.App")).Order(StringComparer.Ordinal).LastOrDefault() ?? aspNet
                    : aspNet;
            }

            _probe = [Path.GetDirectoryName(mainAssembly)!, aspNet];
        }

        protected override Assembly? Load(AssemblyName assemblyName)
        {
            foreach (var directory in _probe)
            {
                var candidate = Path.Combine(directory, assemblyName.Name + ".dll");
                if (File.Exists(candidate))
                {
                    return LoadFromAssemblyPath(candidate);
                }
            }

            return null;
        }
    }
}
