using MlNode.Tasks.Common;

namespace MlNode.Tasks.Configuration;

/// <summary>
/// The raw inputs of one invocation, layer by layer: command-line arguments, environment variables and the
/// top-level cake.config. Built from a Cake context in production and by hand in tests.
/// </summary>
internal sealed class SettingsSources
{
    /// <summary>Creates the sources.</summary>
    /// <param name="arguments">Argument name (no dashes) to every value given for it.</param>
    /// <param name="environment">Environment variables.</param>
    /// <param name="config">The cake.config file.</param>
    /// <param name="repositoryRoot">The folder relative paths in cake.config and defaults are resolved against.</param>
    /// <param name="workingDirectory">The caller's working directory, for relative paths given on the command line; defaults to the root.</param>
    public SettingsSources(
        IReadOnlyDictionary<string, IReadOnlyList<string>> arguments,
        IReadOnlyDictionary<string, string> environment,
        IniFile config,
        string repositoryRoot,
        string? workingDirectory = null)
    {
        Arguments = new Dictionary<string, IReadOnlyList<string>>(arguments, StringComparer.OrdinalIgnoreCase);
        Environment = new Dictionary<string, string>(environment, StringComparer.OrdinalIgnoreCase);
        Config = config;
        RepositoryRoot = Path.GetFullPath(repositoryRoot);
        WorkingDirectory = Path.GetFullPath(workingDirectory ?? repositoryRoot);
    }

    /// <summary>
    /// The environment variable build.sh/build.ps1 set to the caller's working directory: <c>dotnet cake</c>
    /// runs in build/, but <c>--reference=references/x.json</c> means the folder the user typed it in.
    /// </summary>
    public const string WorkingDirectoryVariable = "MLNODE_TASKS_WORKDIR";

    /// <summary>Gets the command-line arguments.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> Arguments { get; }

    /// <summary>Gets the environment variables.</summary>
    public IReadOnlyDictionary<string, string> Environment { get; }

    /// <summary>Gets the cake.config values.</summary>
    public IniFile Config { get; }

    /// <summary>Gets the repository root.</summary>
    public string RepositoryRoot { get; }

    /// <summary>Gets the caller's working directory.</summary>
    public string WorkingDirectory { get; }

    /// <summary>Builds sources from plain dictionaries (tests, tools).</summary>
    public static SettingsSources From(
        IEnumerable<KeyValuePair<string, string>> arguments,
        string repositoryRoot,
        IReadOnlyDictionary<string, string>? environment = null,
        IniFile? config = null)
    {
        var grouped = arguments
            .GroupBy(a => a.Key, StringComparer.OrdinalIgnoreCase)
            .ToDictionary(g => g.Key, g => (IReadOnlyList<string>)g.Select(a => a.Value).ToList(), StringComparer.OrdinalIgnoreCase);
        return new SettingsSources(grouped, environment ?? new Dictionary<string, string>(), config ?? IniFile.Empty, repositoryRoot);
    }

    /// <summary>Returns a copy with some arguments replaced (the Demo target supplies the node URL and model itself).</summary>
    public SettingsSources WithArguments(IReadOnlyDictionary<string, string> replacements)
    {
        ArgumentNullException.ThrowIfNull(replacements);
        return WithArguments(replacements.ToDictionary(r => r.Key, r => (IReadOnlyList<string>)[r.Value], StringComparer.OrdinalIgnoreCase));
    }

    /// <summary>Returns a copy with some arguments replaced, each by all of its values (a fleet pair's node args repeat).</summary>
    public SettingsSources WithArguments(IReadOnlyDictionary<string, IReadOnlyList<string>> replacements)
    {
        ArgumentNullException.ThrowIfNull(replacements);
        var merged = new Dictionary<string, IReadOnlyList<string>>(Arguments, StringComparer.OrdinalIgnoreCase);
        foreach (var (key, value) in replacements)
        {
            merged[key] = value;
        }

        return new SettingsSources(merged, Environment, Config, RepositoryRoot, WorkingDirectory);
    }

    /// <summary>
    /// Makes a path absolute: typed by the caller (argument, environment) it is relative to their working
    /// directory; from cake.config or a default it is relative to the repository root.
    /// </summary>
    public string FullPath(Resolved<string> path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var baseDirectory = path.Source is ValueSource.Cli or ValueSource.Environment ? WorkingDirectory : RepositoryRoot;
        return Path.GetFullPath(Path.IsPathRooted(path.Value) ? path.Value : Path.Combine(baseDirectory, path.Value));
    }
}
