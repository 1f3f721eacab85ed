namespace MlNode.Tasks.Cake;

/// <summary>Where the build finds its repository, configuration and simulator, and where its output goes.</summary>
/// <param name="RepositoryRoot">The repository root (defaults and cake.config paths are relative to it).</param>
/// <param name="SimulatorAssembly">The built MlNode.Simulator.dll, for the Demo and Simulator targets (null: those targets are unavailable).</param>
/// <param name="ConfigFile">The cake.config with the [MlNode] section (null: <c>&lt;root&gt;/cake.config</c>).</param>
public sealed record MlNodeBuildOptions(string RepositoryRoot, string? SimulatorAssembly = null, string? ConfigFile = null)
{
    /// <summary>Gets the standard output (null: the console's). Human lines go here, or the report with --output=json.</summary>
    public TextWriter? Out { get; init; }

    /// <summary>Gets the standard error (null: the console's). Human lines go here with --output=json.</summary>
    public TextWriter? Error { get; init; }

    /// <summary>Gets the process's arguments without the program (null: this process's), where Cake's --dryrun is read.</summary>
    public IReadOnlyList<string>? CommandLine { get; init; }

    /// <summary>Gets the clock (null: the system's); tests set a fake one.</summary>
    internal TimeProvider? Time { get; init; }
}
