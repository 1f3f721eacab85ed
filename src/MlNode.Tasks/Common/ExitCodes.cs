namespace MlNode.Tasks.Common;

/// <summary>The process exit codes of the contract: the authoritative signal for callers and pipelines.</summary>
internal static class ExitCodes
{
    /// <summary>PASS (clean or with mismatches within tolerance), or validation was skipped.</summary>
    public const int Pass = 0;

    /// <summary>A hard error: bad input, or a phase failed before a verdict could be reached.</summary>
    public const int Error = 1;

    /// <summary>Validation ran and the node's binomial fraud test fired.</summary>
    public const int Fraud = 2;

    /// <summary>
    /// The validation verdict passed (or validation was skipped), but a throughput gate the user asked for failed
    /// (--min-throughput, --baseline with --max-throughput-drop, --max-replica-spread). Never returned without a gate.
    /// </summary>
    public const int Gate = 3;

    /// <summary>Interrupted by Ctrl-C or SIGTERM (128 + SIGINT, as shells report it).</summary>
    public const int Interrupted = 130;

    /// <summary>
    /// Of several runs' codes, the one a pipeline must act on: the one rule of every multi-run target (--all-references,
    /// Fleet, FleetReport). Interrupted first (the results are incomplete), then fraud (a definite finding outranks an
    /// inconclusive one: a dishonest node is what a rollout must stop for, whatever else broke), then error, then a
    /// failed gate, then pass. A code outside the contract counts as an error.
    /// </summary>
    public static int Worst(IEnumerable<int> codes)
    {
        ArgumentNullException.ThrowIfNull(codes);
        var worst = Pass;
        foreach (var code in codes.Select(c => c is Pass or Error or Fraud or Gate or Interrupted ? c : Error))
        {
            if (Rank(code) > Rank(worst))
            {
                worst = code;
            }
        }

        return worst;
    }

    private static int Rank(int code) => code switch
    {
        Pass => 0,
        Gate => 1,
        Error => 2,
        Fraud => 3,
        _ => 4, // Interrupted: Worst has mapped every other code into the contract's

    };
}
