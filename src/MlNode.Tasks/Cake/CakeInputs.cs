using Cake.Core;
using MlNode.Tasks.Common;
using MlNode.Tasks.Configuration;

namespace MlNode.Tasks.Cake;

/// <summary>Reads the raw inputs of an invocation from a Cake context: the one place that looks at the invocation.</summary>
internal static class CakeInputs
{
    private static readonly string[] DryRunSwitches = ["dryrun", "noop", "whatif"];

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

    /// <summary>
    /// True for Cake's --dryrun (alias --noop, --whatif). Cake 7 keeps the switch in its own command settings, out of
    /// the script's arguments (so Context.Arguments, and Cake.Common's IsDryRun() that reads them, say false in a dry
    /// run): the command line is the fact. A value is read as Cake reads it: <c>--dryrun=false</c> is a real run.
    /// </summary>
    /// <param name="context">The Cake context.</param>
    /// <param name="commandLine">The process's arguments, without the program.</param>
    public static bool IsDryRun(ICakeContext context, IEnumerable<string> commandLine)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(commandLine);
        return DryRunSwitches.Any(s => context.Arguments.HasArgument(s) && context.Arguments.GetArguments(s).All(On)) ||
            commandLine.Select(a => a.TrimStart('-').Split('=', 2))
                .Any(p => DryRunSwitches.Contains(p[0], StringComparer.OrdinalIgnoreCase) && (p.Length == 1 || On(p[1])));
    }

    // A switch's value: absent or empty means on; "false" (any case) means off, as Cake's own parsing reads it.
    private static bool On(string? value) => !bool.FalseString.Equals(value?.Trim(), StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// Registers the invocation's secrets (credentials in --mlnode-url, MLNODE_AUTHORIZATION) before anything can
    /// print them: help shows current values, a dry run shows the inputs, a bad URL is quoted in its error.
    /// </summary>
    public static void RegisterSecrets(SettingsSources sources, SecretRedactor redactor)
    {
        ArgumentNullException.ThrowIfNull(sources);
        ArgumentNullException.ThrowIfNull(redactor);
        var header = sources.Environment.GetValueOrDefault(NodeEndpoint.AuthorizationVariable);
        NodeEndpoint.RegisterSecrets(null, header, redactor);
        foreach (var url in MlNodeArguments.MlNodeUrl.Names.SelectMany(n => sources.Arguments.GetValueOrDefault(n) ?? []))
        {
            NodeEndpoint.RegisterSecrets(url, null, redactor);
        }
    }

    /// <summary>True when --output=json asks for the report on standard output.</summary>
    public static bool RequestsJson(SettingsSources sources)
    {
        ArgumentNullException.ThrowIfNull(sources);
        // FleetPlan's standard output is the matrix alone, which a CI step captures.
        var target = sources.Arguments.TryGetValue("target", out var targets) ? targets.LastOrDefault() : null;
        return (sources.Arguments.TryGetValue(MlNodeArguments.Output.Name, out var values) && values.Any(v => string.Equals(v, "json", StringComparison.OrdinalIgnoreCase))) ||
               string.Equals(target, TaskPlan.Tasks.FleetPlan, StringComparison.OrdinalIgnoreCase);
    }
}
