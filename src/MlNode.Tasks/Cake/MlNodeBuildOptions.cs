namespace MlNode.Tasks.Cake;

/// <summary>Where the build finds its repository, configuration and simulator.</summary>
/// <param name="RepositoryRoot">The repository root (defaults and cake.config paths are relative to it).</param>
/// <param name="SimulatorAssembly">The built MlNode.Simulator.dll, for the Demo and Simulator targets (null: those targets are unavailable).</param>
/// <param name="ConfigFile">The cake.config with the [MlNode] section (null: <c>&lt;root&gt;/cake.config</c>).</param>
public sealed record MlNodeBuildOptions(string RepositoryRoot, string? SimulatorAssembly = null, string? ConfigFile = null);
