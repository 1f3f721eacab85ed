using Cake.Core;
using Cake.Core.IO;
using MlNode.Tasks.Common;
using MlNode.Tasks.Configuration;

namespace MlNode.Tasks.Addin;

/// <summary>What every MLNode alias takes: its typed settings, and any other argument of the task pack by name.</summary>
public abstract class MlNodeArgumentsBase
{
    /// <summary>
    /// Gets any other argument of the task pack, by its command-line name without dashes (e.g. <c>measure-seconds</c>,
    /// <c>stop-timeout</c>), with the same meaning, default and range as on the command line.
    /// </summary>
    public IDictionary<string, string> Arguments { get; } = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);

    /// <summary>The inputs as the task pack reads them: these arguments over the environment, relative paths under the working directory.</summary>
    internal SettingsSources Sources(ICakeContext context)
    {
        var arguments = new List<KeyValuePair<string, string>>();
        void Add(ArgumentDefinition definition, string? value)
        {
            if (value is not null)
            {
                arguments.Add(new(definition.Name, value));
            }
        }

        AddTarget(Add, context);
        AddOwn(Add, context);
        arguments.AddRange(Arguments);
        ArgumentCheck.RejectUnknown(arguments.Select(a => a.Key));
        var root = context.Environment.WorkingDirectory.FullPath;
        var environment = context.Environment.GetEnvironmentVariables().ToDictionary(e => e.Key, e => e.Value, StringComparer.OrdinalIgnoreCase);
        return SettingsSources.From(arguments, root, environment, IniFile.Empty);
    }

    /// <summary>Adds what the alias acts on (one node and model; a fleet has its own source).</summary>
    private protected virtual void AddTarget(Action<ArgumentDefinition, string?> add, ICakeContext context)
    {
    }

    /// <summary>Adds the arguments of the typed properties of a derived settings class.</summary>
    private protected abstract void AddOwn(Action<ArgumentDefinition, string?> add, ICakeContext context);

    /// <summary>A path as an argument value: absolute, from the Cake working directory.</summary>
    private protected static string? PathOf(ICakeContext context, global::Cake.Core.IO.Path? path) => path switch
    {
        null => null,
        FilePath file => file.MakeAbsolute(context.Environment).FullPath,
        DirectoryPath directory => directory.MakeAbsolute(context.Environment).FullPath,
        _ => path.FullPath,
    };
}
