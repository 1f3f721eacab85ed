namespace MlNode.Tasks.Cake;

/// <summary>Where the build finds its repository, configuration and simulator.</summary>
public sealed class MlNodeBuildOptions
{
    /// <summary>Gets the repository root (defaults and cake.config paths are relative to it).</summary>
    public required string RepositoryRoot { get; init; }

    /// <summary>Gets the built MlNode.Simulator.dll, for the Demo and Simulator targets (null: those targets are unavailable).</summary>
    public string? SimulatorAssembly { get; init; }

    /// <summary>Gets the cake.config with the [MlNode] section (null: <c>&lt;root&gt;/cake.config</c>).</summary>
    public string? ConfigFile { get; init; }

    /// <summary>Gets the standard output (null: the console's); tests capture it.</summary>
    internal TextWriter? Out { get; init; }

    /// <summary>Gets the standard error (null: the console's); tests capture it.</summary>
    internal TextWriter? Error { get; init; }

    /// <summary>Gets the process's arguments without the program (null: this process's), where Cake's --dryrun is read.</summary>
    internal IReadOnlyList<string>? CommandLine { get; init; }

    /// <summary>Gets the clock (null: the system's); tests set a fake one.</summary>
    internal TimeProvider? Time { get; init; }
}
