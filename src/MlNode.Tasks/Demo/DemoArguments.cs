using MlNode.Tasks.Common;
using MlNode.Tasks.Configuration;

namespace MlNode.Tasks.Demo;

/// <summary>
/// The arguments of the Demo and FleetDemo targets, one rule for both: what the demo chooses itself is refused, every
/// other given value is checked before anything is started or baked, and the demo's own arguments and demo-sized
/// waits are added where the caller chose nothing.
/// </summary>
internal static class DemoArguments
{
    /// <summary>Refuses what the demo chooses itself and checks every other given value, before anything starts.</summary>
    /// <param name="sources">The invocation's inputs.</param>
    /// <param name="target">The demo target (<c>Demo</c>, <c>FleetDemo</c>).</param>
    /// <param name="realTarget">The target to use on a real node or fleet.</param>
    /// <param name="chosen">The arguments the demo chooses itself.</param>
    /// <exception cref="InputException">A chosen argument was given, or a value is invalid.</exception>
    public static void Check(SettingsSources sources, string target, string realTarget, params ArgumentDefinition[] chosen)
    {
        ArgumentNullException.ThrowIfNull(sources);
        ArgumentNullException.ThrowIfNull(chosen);
        foreach (var forbidden in chosen.Where(c => c.Names.Any(sources.Arguments.ContainsKey)))
        {
            throw new InputException($"--{forbidden.Name} is chosen by the {target} target itself (it runs against its embedded MLNodes); drop it, or use --target={realTarget} for a real one");
        }

        var reader = new SettingReader(sources);
        reader.CheckGiven();

        // Files the run will read are read now too: a missing baseline must not cost a bake first.
        if (reader.Text(MlNodeArguments.Baseline) is { } baseline && !string.Equals(baseline.Value, BaselineReports.Auto, StringComparison.OrdinalIgnoreCase))
        {
            BaselineReports.Load(sources.FullPath(baseline));
        }
    }

    /// <summary>The inputs with the demo's own arguments, and its waits where the caller chose none.</summary>
    public static SettingsSources With(SettingsSources sources, IReadOnlyDictionary<string, string> demoArguments)
    {
        ArgumentNullException.ThrowIfNull(sources);
        ArgumentNullException.ThrowIfNull(demoArguments);
        var arguments = new Dictionary<string, string>(demoArguments);
        foreach (var (name, value) in DemoEnvironment.Waits.Where(w => !sources.Arguments.ContainsKey(w.Key)))
        {
            arguments[name] = value;
        }

        return sources.WithArguments(arguments);
    }
}
