using MlNode.Tasks.Common;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace MlNode.Tasks.Configuration;

/// <summary>
/// Composes the vLLM <c>additional_args</c>: the deploy baseline (the node's own args, else the reference's), then
/// <c>--tp-size</c>/<c>--max-model-len</c> add-or-update, then every <c>--extra-arg</c> token appended.
/// </summary>
internal static class DeployArguments
{
    /// <summary>vLLM's tensor-parallel flag.</summary>
    public const string TensorParallelSize = "--tensor-parallel-size";

    /// <summary>vLLM's context-length flag.</summary>
    public const string MaxModelLen = "--max-model-len";

    /// <summary>Builds the effective args: the baseline, then the add-or-updates, then the appended tokens.</summary>
    public static IReadOnlyList<string> Compose(IReadOnlyList<string> baselineArgs, int? tpSize, int? maxModelLen, IReadOnlyList<string> extraArgs)
    {
        ArgumentNullException.ThrowIfNull(baselineArgs);
        ArgumentNullException.ThrowIfNull(extraArgs);
        var args = baselineArgs.ToList();
        if (tpSize is not null)
        {
            args = AddOrUpdate(args, TensorParallelSize, tpSize.Value.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        if (maxModelLen is not null)
        {
            args = AddOrUpdate(args, MaxModelLen, maxModelLen.Value.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        args.AddRange(extraArgs);
        return args;
    }

    /// <summary>
    /// Sets <paramref name="flag"/> to <paramref name="value"/>: the first occurrence keeps its place and its
    /// form (<c>--flag v</c> or <c>--flag=v</c>), later occurrences are dropped; absent, it is appended.
    /// </summary>
    public static List<string> AddOrUpdate(IReadOnlyList<string> args, string flag, string value)
    {
        var result = new List<string>(args.Count + 2);
        var replaced = false;
        for (var i = 0; i < args.Count; i++)
        {
            var token = args[i];
            var joined = token.StartsWith(flag + "=", StringComparison.Ordinal);
            if (token != flag && !joined)
            {
                result.Add(token);
                continue;
            }

            if (!joined && i + 1 < args.Count && !args[i + 1].StartsWith("--", StringComparison.Ordinal))
            {
                i++; // skip the old value
            }

            if (!replaced)
            {
                if (joined)
                {
                    result.Add(flag + "=" + value);
                }
                else
                {
                    result.Add(flag);
                    result.Add(value);
                }

                replaced = true;
            }
        }

        if (!replaced)
        {
            result.Add(flag);
            result.Add(value);
        }

        return result;
    }

    /// <summary>Reads a flag's value from args (<c>--flag v</c> or <c>--flag=v</c>), or null.</summary>
    public static string? ValueOf(IReadOnlyList<string> args, string flag)
    {
        for (var i = 0; i < args.Count; i++)
        {
            if (args[i] == flag && i + 1 < args.Count)
            {
                return args[i + 1];
            }

            if (args[i].StartsWith(flag + "=", StringComparison.Ordinal))
            {
                return args[i][(flag.Length + 1)..];
            }
        }

        return null;
    }

    /// <summary>Parses an argument that carries args as one JSON list of strings (<c>--additional-args</c>, <c>--node-args</c>), nothing else.</summary>
    /// <exception cref="InputException">Not a JSON list of strings.</exception>
    public static IReadOnlyList<string> ParseJsonList(string text, ArgumentDefinition argument, string exampleValue)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(argument);
        var example = $"--{argument.Name}={exampleValue}";
        JToken token;
        try
        {
            token = JToken.Parse(text);
        }
        catch (JsonReaderException ex)
        {
            throw new InputException($"--{argument.Name} is not valid JSON ({ex.Message}); give a JSON list of strings, e.g. {example}");
        }

        if (token is not JArray list || list.Any(t => t.Type != JTokenType.String))
        {
            throw new InputException($"--{argument.Name} must be a JSON list of strings, " +
                $"got {token.Type.ToString().ToLowerInvariant()} {OutsideText.OneLine(Abbreviated(token.ToString(Formatting.None)))}; e.g. {example}");
        }

        return list.Select(t => t.Value<string>()!).ToList();
    }

    private static string Abbreviated(string text) => text.Length <= 200 ? text : text[..200] + "...";

    /// <summary>The args as the console shows them: <c>[a, b]</c>, each token cut to 200 characters (an arg from a file may be megabytes).</summary>
    public static string Display(IReadOnlyList<string> args)
    {
        ArgumentNullException.ThrowIfNull(args);
        return "[" + string.Join(", ", args.Select(a => a.Length <= 200 ? a : string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{a[..200]}... ({a.Length} characters)"))) + "]";
    }
}
