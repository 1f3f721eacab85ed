using MlNode.Tasks.Common;

namespace MlNode.Tasks.Configuration;

/// <summary>
/// Refuses arguments the task pack does not know, with a suggestion: a typo such as <c>--skip-dowload</c> must not
/// silently start a two-hour download. Cake's own options and Cake configuration keys (<c>--section_key</c>) pass.
/// </summary>
internal static class ArgumentCheck
{
    // Cake options that may reach the script's argument list, arguments the Test and Bench targets forward, and
    // the bootstrappers' stand-in for --help.
    private static readonly HashSet<string> Passthrough = new(StringComparer.OrdinalIgnoreCase)
    {
        "target", "t", "verbosity", "v", "exclusive", "e", "dryrun", "noop", "whatif", "description", "showdescription",
        "tree", "showtree", "tree-nodes", "debug", "d", "bootstrap", "skip-bootstrap", "info", "version", "no-report", "recompile",
        "filter", "figures", UsageArgument,
    };

    /// <summary>
    /// What ./build.sh and build.ps1 pass for --help, -h or -?: Cake would answer those itself with its runner's usage,
    /// while the user wants the task pack's help (or, with --target=Simulator, the simulator's options).
    /// </summary>
    public const string UsageArgument = "usage";

    /// <summary>Throws for the first unknown argument, suggesting the closest known one.</summary>
    /// <exception cref="InputException">An argument is not known.</exception>
    public static void RejectUnknown(IEnumerable<string> names, IEnumerable<string>? alsoAllowed = null)
    {
        ArgumentNullException.ThrowIfNull(names);
        var known = MlNodeArguments.All.SelectMany(d => d.Names).Concat(alsoAllowed ?? []).ToList();
        foreach (var name in names)
        {
            if (Passthrough.Contains(name) || name.Contains('_', StringComparison.Ordinal) || known.Contains(name, StringComparer.OrdinalIgnoreCase))
            {
                continue;
            }

            var closest = known.OrderBy(k => Distance(name.ToLowerInvariant(), k.ToLowerInvariant())).First();
            var hint = Distance(name.ToLowerInvariant(), closest.ToLowerInvariant()) <= Math.Max(2, name.Length / 3) ? $"did you mean --{closest}? " : string.Empty;
            throw new InputException($"unknown argument --{name}; {hint}./build.sh --target=Help lists every argument");
        }
    }

    /// <summary>Levenshtein distance, for suggestions.</summary>
    public static int Distance(string a, string b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        var previous = Enumerable.Range(0, b.Length + 1).ToArray();
        for (var i = 1; i <= a.Length; i++)
        {
            var current = new int[b.Length + 1];
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }

            previous = current;
        }

        return previous[b.Length];
    }
}
