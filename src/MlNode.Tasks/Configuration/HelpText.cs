using System.Globalization;
using System.Text;
using MlNode.Tasks.Common;

namespace MlNode.Tasks.Configuration;

/// <summary>A task as the help lists it.</summary>
/// <param name="Name">The task name.</param>
/// <param name="Description">What it does.</param>
/// <param name="Dependencies">The tasks it depends on.</param>
internal sealed record TaskInfo(string Name, string Description, IReadOnlyList<string> Dependencies);

/// <summary>
/// The <c>--target=Help</c> text: every task with its description and dependencies, and every argument with its
/// default, where its current value comes from (default, cake.config, environment, argument) and an example.
/// </summary>
internal static class HelpText
{
    /// <summary>Renders the help for the given tasks and input sources.</summary>
    public static string Render(IReadOnlyList<TaskInfo> tasks, SettingsSources sources)
    {
        ArgumentNullException.ThrowIfNull(tasks);
        ArgumentNullException.ThrowIfNull(sources);
        var text = new StringBuilder();
        text.AppendLine("MlNode.Tasks: validate a Gonka MLNode for one model before it takes real work (a Cake task pack).");
        text.AppendLine();
        text.AppendLine("usage: ./build.sh --target=<task> [--exclusive] --mlnode-url=<url> --model=<org/name> [options]");
        text.AppendLine("       ./build.sh --target=Demo        the whole pipeline against the embedded MLNode simulator");
        text.AppendLine();
        text.AppendLine("tasks (a task's dependencies run first; --exclusive runs only the named task):");
        var width = tasks.Max(t => t.Name.Length) + 2;
        foreach (var task in tasks)
        {
            var after = task.Dependencies.Count == 0 ? string.Empty : $" (after {string.Join(", ", task.Dependencies)})";
            text.AppendLine(CultureInfo.InvariantCulture, $"  {task.Name.PadRight(width)}{task.Description}{after}");
        }

        var reader = new SettingReader(sources);
        foreach (var group in MlNodeArguments.All.GroupBy(a => a.Group))
        {
            text.AppendLine();
            text.AppendLine(Title(group.Key) + ":");
            foreach (var argument in group)
            {
                text.AppendLine(CultureInfo.InvariantCulture, $"  {argument.Usage}");
                text.AppendLine(CultureInfo.InvariantCulture, $"      {argument.Description}");
                text.AppendLine(CultureInfo.InvariantCulture, $"      default: {Default(argument)}; now: " +
                    $"{Current(reader, argument)}{(argument.RangeText is { } range ? "; range: " + range : string.Empty)}");
                if (argument.ConfigKey is not null)
                {
                    text.AppendLine(CultureInfo.InvariantCulture, $"      also from: cake.config [{argument.ConfigKey.Split('_')[0]}] {argument.ConfigKey.Split('_')[1]}=..., " +
                        $"or {argument.EnvironmentVariable}");
                }

                text.AppendLine(argument.Kind == ArgumentKind.Flag ? $"      e.g. {argument.Usage}" : $"      e.g. --{argument.Name}={argument.Example}");
            }
        }

        text.AppendLine();
        text.AppendLine("environment:");
        text.AppendLine($"  {NodeEndpoint.AuthorizationVariable}   optional Authorization header value (e.g. 'Bearer <token>') sent on every MLNode call; never printed or written");
        text.AppendLine($"  {NodeEndpoint.AdminAuthorizationVariable}   the same for a Network Node's Admin API (--admin-api); each goes only to its own service");
        text.AppendLine("  CAKE_MLNODE_<KEY>      overrides cake.config [MlNode] <Key> (precedence: default < cake.config < environment < argument)");
        text.AppendLine();
        text.AppendLine("Cake's own options work too: --exclusive, --dryrun (checks the inputs and shows the plan; nothing runs or is written),");
        text.AppendLine("  --tree (the task graph), --description, --verbosity=diagnostic");
        text.AppendLine();
        text.AppendLine("exit codes: 0 PASS (also with mismatches within tolerance) or validation skipped; 2 fraud detected; 1 error; 3 only a throughput gate failed; 130 interrupted");
        return text.ToString();
    }

    private static string Title(ArgumentGroup group) => group switch
    {
        ArgumentGroup.Target => "required for every MLNode task (never defaulted)",
        ArgumentGroup.Transport => "TLS and mutual TLS (https:// node URLs; gonka's optional mTLS on the PoC port)",
        ArgumentGroup.Reference => "golden reference",
        ArgumentGroup.StatTest => "stat test (server-default -> reference -> cli)",
        ArgumentGroup.Deploy => "deploy args (the node config's, else the reference's additional_args, with overrides on top)",
        ArgumentGroup.Phases => "phase skips",
        ArgumentGroup.Sampling => "throughput sampling and batch sizes",
        ArgumentGroup.Timing => "timeouts, polling and retries",
        ArgumentGroup.Output => "output",
        ArgumentGroup.Bake => "BakeReference",
        ArgumentGroup.Gates => "throughput gates (opt-in; a failed gate alone is exit 3)",
        ArgumentGroup.Compare => "Compare",
        ArgumentGroup.Fleet => "fleets (Fleet, FleetPlan, FleetReport, FleetDemo)",
        ArgumentGroup.CrossCheck => "cross-hardware agreement (CrossCheck, CrossCheckDemo; nodes from the fleet arguments or --mlnode-urls)",
        _ => "Demo",
    };

    private static string Default(ArgumentDefinition argument) =>
        argument.Group == ArgumentGroup.Target ? "none (required)"
        : argument.DefaultNote ?? argument.Default ?? "none";

    private static string Current(SettingReader reader, ArgumentDefinition argument)
    {
        try
        {
            var raw = argument.Kind == ArgumentKind.Repeatable ? null : reader.Raw(argument);
            return raw is null ? "not set" : $"{raw.Value} ({raw.Source.Display()})";
        }
        catch (InputException ex)
        {
            return "invalid: " + ex.Message;
        }
    }
}
