namespace MlNode.Tasks.Configuration;

/// <summary>Where a resolved value came from, lowest precedence first.</summary>
internal enum ValueSource
{
    /// <summary>The tool's built-in default.</summary>
    Default,

    /// <summary>The MLNode server's own default (the stat test's floor).</summary>
    ServerDefault,

    /// <summary>The golden reference file.</summary>
    Reference,

    /// <summary>The top-level cake.config file.</summary>
    CakeConfig,

    /// <summary>A <c>CAKE_MLNODE_*</c> environment variable.</summary>
    Environment,

    /// <summary>A command-line argument.</summary>
    Cli,

    /// <summary>Chosen by the Demo target for its embedded simulator.</summary>
    Demo,
}

/// <summary>Display names for <see cref="ValueSource"/>, as they appear in reports and help.</summary>
internal static class ValueSourceNames
{
    /// <summary>Returns the report/help spelling of a source (the contract's "server-default", "reference", "cli").</summary>
    public static string Display(this ValueSource source) => source switch
    {
        ValueSource.Default => "default",
        ValueSource.ServerDefault => "server-default",
        ValueSource.Reference => "reference",
        ValueSource.CakeConfig => "cake.config",
        ValueSource.Environment => "environment",
        ValueSource.Cli => "cli",
        ValueSource.Demo => "demo",
        _ => source.ToString(),
    };
}
