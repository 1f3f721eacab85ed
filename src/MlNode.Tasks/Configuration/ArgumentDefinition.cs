namespace MlNode.Tasks.Configuration;

/// <summary>How an argument's text is read.</summary>
internal enum ArgumentKind
{
    /// <summary>Free text.</summary>
    Text,

    /// <summary>A number of seconds, strictly positive.</summary>
    Seconds,

    /// <summary>A number of seconds, zero allowed (e.g. no warm-up).</summary>
    SecondsOrZero,

    /// <summary>An integer, strictly positive.</summary>
    PositiveInteger,

    /// <summary>An integer, zero or more.</summary>
    NonNegativeInteger,

    /// <summary>A strictly positive real number.</summary>
    PositiveNumber,

    /// <summary>A probability in [0, 1).</summary>
    Probability,

    /// <summary>A probability in (0, 1).</summary>
    OpenProbability,

    /// <summary>A switch: present means true.</summary>
    Flag,

    /// <summary>One of a fixed set of words.</summary>
    Choice,

    /// <summary>Text that may be given several times.</summary>
    Repeatable,
}

/// <summary>The help sections arguments are listed under.</summary>
internal enum ArgumentGroup
{
    /// <summary>Always required for an MLNode task.</summary>
    Target,

    /// <summary>TLS and mutual TLS to MLNodes and the Admin API.</summary>
    Transport,

    /// <summary>Golden reference selection.</summary>
    Reference,

    /// <summary>The stat test triple.</summary>
    StatTest,

    /// <summary>vLLM deploy overrides.</summary>
    Deploy,

    /// <summary>Phase skips.</summary>
    Phases,

    /// <summary>Throughput sampling and batch sizes.</summary>
    Sampling,

    /// <summary>Timeouts and polling.</summary>
    Timing,

    /// <summary>Where and how results are written.</summary>
    Output,

    /// <summary>The BakeReference target.</summary>
    Bake,

    /// <summary>The Demo and Simulator targets.</summary>
    Demo,

    /// <summary>Throughput gates and baselines.</summary>
    Gates,

    /// <summary>The Compare target.</summary>
    Compare,

    /// <summary>The Fleet, FleetPlan and FleetReport targets.</summary>
    Fleet,

    /// <summary>The CrossCheck target.</summary>
    CrossCheck,
}

/// <summary>
/// One command-line argument: its name, meaning, default and example, defined once in
/// <see cref="MlNodeArguments"/> and used by the resolver, the unknown-argument check and the help.
/// </summary>
/// <param name="Name">The name without dashes, e.g. <c>download-timeout</c>.</param>
/// <param name="Kind">How its text is parsed and validated.</param>
/// <param name="Group">The help section.</param>
/// <param name="Description">One line: what it does.</param>
/// <param name="Example">An example value.</param>
/// <param name="Default">The built-in default as text, or null when there is none.</param>
/// <param name="DefaultNote">How the default is derived when it is not a constant (e.g. "the reference's dist_threshold").</param>
/// <param name="ConfigKey">The cake.config key (<c>Section_Key</c>) when the value may come from cake.config or the environment.</param>
/// <param name="Aliases">Other accepted names (legacy spellings).</param>
/// <param name="Choices">The allowed words for <see cref="ArgumentKind.Choice"/>.</param>
/// <param name="Minimum">The smallest value accepted, when the kind's own bound (e.g. more than 0) is not enough.</param>
/// <param name="Maximum">The largest value accepted (null: the kind's, see <see cref="Upper"/>).</param>
internal sealed record ArgumentDefinition(
    string Name,
    ArgumentKind Kind,
    ArgumentGroup Group,
    string Description,
    string Example,
    string? Default = null,
    string? DefaultNote = null,
    string? ConfigKey = null,
    IReadOnlyList<string>? Aliases = null,
    IReadOnlyList<string>? Choices = null,
    double? Minimum = null,
    double? Maximum = null)
{
    /// <summary>The largest duration an argument takes unless it says otherwise: a week, far beyond any phase.</summary>
    public const double WeekInSeconds = 7 * 24 * 3600;

    /// <summary>
    /// Gets the default of a duration as a typed value (null for other kinds): the one definition of it; the
    /// <see cref="Default"/> text that help prints and cake.config examples show is derived from it.
    /// </summary>
    public TimeSpan? DefaultTime { get; private init; }

    /// <summary>A duration given in seconds on the command line, whose default is a <see cref="TimeSpan"/>.</summary>
    /// <param name="name">The name without dashes.</param>
    /// <param name="group">The help section.</param>
    /// <param name="description">One line: what it does.</param>
    /// <param name="example">An example value, in seconds.</param>
    /// <param name="defaultTime">The built-in default.</param>
    /// <param name="configKey">The cake.config key, if the value may come from there or the environment.</param>
    /// <param name="minimum">The smallest number of seconds accepted beyond the kind's own bound.</param>
    /// <param name="maximum">The largest number of seconds accepted (null: a week).</param>
    /// <param name="zeroAllowed">Whether 0 is a valid value (e.g. no warm-up).</param>
    public static ArgumentDefinition Duration(
        string name, ArgumentGroup group, string description, string example, TimeSpan defaultTime,
        string? configKey = null, double? minimum = null, double? maximum = null, bool zeroAllowed = false) =>
        new(name, zeroAllowed ? ArgumentKind.SecondsOrZero : ArgumentKind.Seconds, group, description, example,
            Default: defaultTime.TotalSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture), ConfigKey: configKey, Minimum: minimum, Maximum: maximum)
        {
            DefaultTime = defaultTime,
        };

    /// <summary>
    /// Gets the largest value accepted, for every numeric kind: beyond it a value is an input error, not an overflow
    /// deep in a timer (durations), nor a count the node would never honour (integers).
    /// </summary>
    public double? Upper => Maximum ?? Kind switch
    {
        ArgumentKind.Seconds or ArgumentKind.SecondsOrZero => WeekInSeconds,
        ArgumentKind.PositiveInteger or ArgumentKind.NonNegativeInteger => int.MaxValue,
        ArgumentKind.PositiveNumber => 1e6,
        _ => null,
    };

    /// <summary>Gets the accepted range as help prints it (e.g. "0.01 to 86400"), or null for non-numeric kinds.</summary>
    public string? RangeText => Upper is not { } upper ? null : Kind switch
    {
        _ when Minimum is { } min => $"{Number(min)} to {Number(upper)}",
        ArgumentKind.Seconds or ArgumentKind.PositiveNumber => $"more than 0, at most {Number(upper)}",
        ArgumentKind.PositiveInteger => $"1 to {Number(upper)}",
        _ => $"0 to {Number(upper)}",
    };

    /// <summary>Gets the accepted names: the name then its aliases.</summary>
    public IEnumerable<string> Names => Aliases is null ? [Name] : [Name, .. Aliases];

    /// <summary>Gets the environment variable that overrides cake.config (Cake's <c>CAKE_SECTION_KEY</c> convention), or null.</summary>
    public string? EnvironmentVariable => ConfigKey is null ? null : "CAKE_" + ConfigKey.ToUpperInvariant();

    /// <summary>Gets the usage form, e.g. <c>--download-timeout=&lt;seconds&gt;</c>.</summary>
    public string Usage => Kind == ArgumentKind.Flag ? "--" + Name : $"--{Name}={Hint}";

    private static string Number(double value) => value.ToString("0.###", System.Globalization.CultureInfo.InvariantCulture);

    private string Hint => Kind switch
    {
        ArgumentKind.Seconds or ArgumentKind.SecondsOrZero => "<seconds>",
        ArgumentKind.PositiveInteger or ArgumentKind.NonNegativeInteger => "<int>",
        ArgumentKind.PositiveNumber or ArgumentKind.Probability or ArgumentKind.OpenProbability => "<float>",
        ArgumentKind.Choice => "<" + string.Join('|', Choices ?? []) + ">",
        _ => "<" + Name switch
        {
            "mlnode-url" => "url",
            "model" => "org/name",
            _ => "value",
        } + ">",
    };
}
