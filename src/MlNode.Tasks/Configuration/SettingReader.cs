using System.Globalization;
using MlNode.Tasks.Common;

namespace MlNode.Tasks.Configuration;

/// <summary>
/// Reads arguments through the layers (built-in default &lt; cake.config &lt; environment &lt; argument),
/// parses and range-checks them, and records each value's source. A bad value is an <see cref="InputException"/>
/// naming the argument, the value and an example of a good one.
/// </summary>
internal sealed class SettingReader
{
    private readonly SettingsSources _sources;
    private readonly List<SettingRecord> _records = [];

    /// <summary>Creates a reader over the given sources.</summary>
    public SettingReader(SettingsSources sources)
    {
        _sources = sources;
    }

    /// <summary>Gets every value read so far, with its source, for the report's provenance table.</summary>
    public IReadOnlyList<SettingRecord> Records => _records;

    /// <summary>Reads the raw text of an argument through the layers, or null when no layer sets it.</summary>
    public Resolved<string>? Raw(ArgumentDefinition definition)
    {
        var given = definition.Names
            .Append(definition.ConfigKey)
            .Where(n => n is not null && _sources.Arguments.ContainsKey(n))
            .SelectMany(n => _sources.Arguments[n!])
            .ToList();
        if (given.Count > 1 && definition.Kind != ArgumentKind.Repeatable)
        {
            throw new InputException($"--{definition.Name} was given {given.Count} times; give it once, e.g. --{definition.Name}={definition.Example}");
        }

        if (given.Count == 1)
        {
            return new Resolved<string>(given[0], ValueSource.Cli);
        }

        if (definition.EnvironmentVariable is { } variable && _sources.Environment.TryGetValue(variable, out var fromEnvironment) && fromEnvironment.Length > 0)
        {
            return new Resolved<string>(fromEnvironment, ValueSource.Environment);
        }

        if (definition.ConfigKey is { } key && _sources.Config.Get(key) is { Length: > 0 } fromConfig)
        {
            return new Resolved<string>(fromConfig, ValueSource.CakeConfig);
        }

        return definition.Default is null ? null : new Resolved<string>(definition.Default, ValueSource.Default);
    }

    /// <summary>Reads a text argument.</summary>
    public Resolved<string>? Text(ArgumentDefinition definition)
    {
        var raw = Raw(definition);
        if (raw is not null && raw.Value.Trim().Length == 0)
        {
            throw new InputException($"--{definition.Name} is empty ({Origin(definition, raw)}); give a value, e.g. --{definition.Name}={definition.Example}");
        }

        return Record(definition, raw);
    }

    /// <summary>Reads a required text argument.</summary>
    public Resolved<string> Required(ArgumentDefinition definition) =>
        Text(definition) ?? throw new InputException(
            $"--{definition.Name} is required and has no default; pass it explicitly, e.g. --{definition.Name}={definition.Example}");

    /// <summary>Reads a number of seconds or another real number, range-checked by the definition's kind.</summary>
    public Resolved<double>? Number(ArgumentDefinition definition)
    {
        var raw = Raw(definition);
        if (raw is null)
        {
            return null;
        }

        if (!double.TryParse(raw.Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || !double.IsFinite(value))
        {
            throw Bad(definition, raw, "is not a number");
        }

        var problem = definition.Kind switch
        {
            ArgumentKind.Seconds when value <= 0 => "must be more than 0 seconds",
            ArgumentKind.SecondsOrZero when value < 0 => "must not be negative",
            ArgumentKind.PositiveNumber when value <= 0 => "must be more than 0",
            ArgumentKind.Probability when value is < 0 or >= 1 => "must be a probability in [0, 1)",
            ArgumentKind.OpenProbability when value is <= 0 or >= 1 => "must be a probability strictly between 0 and 1",
            _ => OutOfRange(definition, value),
        };
        if (problem is not null)
        {
            throw Bad(definition, raw, problem);
        }

        return Record(definition, new Resolved<double>(value, raw.Source));
    }

    // The definition's own range, beyond what its kind says: "must be between 0.01 and 86400".
    private static string? OutOfRange(ArgumentDefinition definition, double value) =>
        (definition.Minimum is { } min && value < min) || (definition.Upper is { } max && value > max)
            ? $"is out of range; it takes {definition.RangeText}{(definition.Kind is ArgumentKind.Seconds or ArgumentKind.SecondsOrZero ? " seconds" : string.Empty)}"
            : null;

    /// <summary>Reads a number that has a default.</summary>
    public Resolved<double> NumberWithDefault(ArgumentDefinition definition) =>
        Number(definition) ?? throw new InvalidOperationException($"--{definition.Name} has no default");

    /// <summary>Reads a duration (given in seconds), range-checked; its default is the definition's typed one.</summary>
    public Resolved<TimeSpan> Time(ArgumentDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        var seconds = NumberWithDefault(definition);
        var value = seconds.Source == ValueSource.Default && definition.DefaultTime is { } typed ? typed : TimeSpan.FromSeconds(seconds.Value);
        return new Resolved<TimeSpan>(value, seconds.Source);
    }

    /// <summary>Reads an integer, range-checked by the definition's kind.</summary>
    public Resolved<int>? Integer(ArgumentDefinition definition)
    {
        var raw = Raw(definition);
        if (raw is null)
        {
            return null;
        }

        if (!int.TryParse(raw.Value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value))
        {
            throw Bad(definition, raw, "is not a whole number");
        }

        if (definition.Kind == ArgumentKind.PositiveInteger && value <= 0)
        {
            throw Bad(definition, raw, "must be at least 1");
        }

        if (definition.Kind == ArgumentKind.NonNegativeInteger && value < 0)
        {
            throw Bad(definition, raw, "must not be negative");
        }

        if (OutOfRange(definition, value) is { } range)
        {
            throw Bad(definition, raw, range);
        }

        return Record(definition, new Resolved<int>(value, raw.Source));
    }

    /// <summary>Reads an integer that has a default.</summary>
    public Resolved<int> IntegerWithDefault(ArgumentDefinition definition) =>
        Integer(definition) ?? throw new InvalidOperationException($"--{definition.Name} has no default");

    /// <summary>Reads a switch: present without a value, or =true/=false.</summary>
    public bool Flag(ArgumentDefinition definition)
    {
        var raw = Raw(definition);
        if (raw is null)
        {
            return false;
        }

        var value = raw.Value.Trim().ToLowerInvariant() switch
        {
            "" or "true" or "yes" or "1" => true,
            "false" or "no" or "0" => false,
            _ => throw Bad(definition, raw, "is a switch; give it alone or as =true / =false"),
        };
        Record(definition, new Resolved<bool>(value, raw.Source));
        return value;
    }

    /// <summary>Reads one of a fixed set of words.</summary>
    public Resolved<string> Choice(ArgumentDefinition definition)
    {
        var raw = Raw(definition) ?? throw new InvalidOperationException($"--{definition.Name} has no default");
        var match = definition.Choices!.FirstOrDefault(c => string.Equals(c, raw.Value, StringComparison.OrdinalIgnoreCase));
        if (match is null)
        {
            throw Bad(definition, raw, "must be one of " + string.Join(", ", definition.Choices!));
        }

        return Record(definition, new Resolved<string>(match, raw.Source))!;
    }

    /// <summary>
    /// Reads every argument the command line gives, each as its kind, so a value out of range fails before any work
    /// starts (the Demo bakes a reference before it resolves the run's own settings).
    /// </summary>
    /// <exception cref="InputException">A given value is invalid.</exception>
    public void CheckGiven()
    {
        foreach (var definition in MlNodeArguments.All.Where(d => d.Names.Any(_sources.Arguments.ContainsKey)))
        {
            _ = definition.Kind switch
            {
                ArgumentKind.Seconds or ArgumentKind.SecondsOrZero or ArgumentKind.PositiveNumber or ArgumentKind.Probability or ArgumentKind.OpenProbability => (object?)Number(definition),
                ArgumentKind.PositiveInteger or ArgumentKind.NonNegativeInteger => Integer(definition),
                ArgumentKind.Flag => Flag(definition),
                ArgumentKind.Choice => Choice(definition),
                ArgumentKind.Repeatable => List(definition),
                _ => Text(definition),
            };
        }
    }

    /// <summary>Reads every value of a repeatable argument, in the order given.</summary>
    public IReadOnlyList<string> List(ArgumentDefinition definition)
    {
        var values = definition.Names
            .Where(_sources.Arguments.ContainsKey)
            .SelectMany(n => _sources.Arguments[n])
            .ToList();
        if (values.Any(v => v.Length == 0))
        {
            throw new InputException($"--{definition.Name} was given without a value; use the = form, e.g. --{definition.Name}={definition.Example}");
        }

        if (values.Count > 0)
        {
            Record(definition, new Resolved<string>(string.Join(' ', values), ValueSource.Cli));
        }

        return values;
    }

    private static InputException Bad<T>(ArgumentDefinition definition, Resolved<T> raw, string problem) =>
        new($"--{definition.Name}={raw.Value} {problem} ({Origin(definition, raw)}); e.g. --{definition.Name}={definition.Example}");

    private static string Origin<T>(ArgumentDefinition definition, Resolved<T> raw) => raw.Source switch
    {
        ValueSource.Environment => "from " + definition.EnvironmentVariable,
        ValueSource.CakeConfig => "from cake.config " + definition.ConfigKey,
        _ => "from the command line",
    };

    private Resolved<T>? Record<T>(ArgumentDefinition definition, Resolved<T>? value)
    {
        if (value is not null)
        {
            _records.RemoveAll(r => r.Name == definition.Name);
            _records.Add(new SettingRecord(definition.Name, Convert.ToString(value.Value, CultureInfo.InvariantCulture) ?? string.Empty, value.Source));
        }

        return value;
    }
}

/// <summary>One resolved setting as shown in the config file and the help: name, value and source.</summary>
/// <param name="Name">The argument name.</param>
/// <param name="Value">The value as text.</param>
/// <param name="Source">Where it came from.</param>
internal sealed record SettingRecord(string Name, string Value, ValueSource Source);
