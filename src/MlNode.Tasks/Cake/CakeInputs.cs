using Cake.Core;
using MlNode.Tasks.Common;
using MlNode.Tasks.Configuration;

namespace MlNode.Tasks.Cake;

/// <summary>Reads the raw inputs of an invocation from a Cake context.</summary>
public static class CakeInputs
{
    /// <summary>The arguments, environment and cake.config of this Cake run.</summary>
    public static SettingsSources From(ICakeContext context, MlNodeBuildOptions options)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(options);
        // A switch given without a value (--skip-download) arrives as null or empty depending on its position.
        var arguments = context.Arguments.GetArguments()
            .ToDictionary(a => a.Key, a => (IReadOnlyList<string>)a.Value.Select(v => v ?? string.Empty).ToList(), StringComparer.OrdinalIgnoreCase);
        var environment = context.Environment.GetEnvironmentVariables()
            .ToDictionary(e => e.Key, e => e.Value, StringComparer.OrdinalIgnoreCase);
        var root = Path.GetFullPath(options.RepositoryRoot);
        var config = IniFile.Load(options.ConfigFile ?? Path.Combine(root, "cake.config"));
        var workingDirectory = environment.TryGetValue(SettingsSources.WorkingDirectoryVariable, out var caller) && Directory.Exists(caller) ? caller : root;
        return new SettingsSources(arguments, environment, config, root, workingDirectory);
    }
}
