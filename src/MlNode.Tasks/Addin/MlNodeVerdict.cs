namespace MlNode.Tasks.Addin;

/// <summary>How a validation ended, as a script branches on it.</summary>
public enum MlNodeVerdict
{
    /// <summary>Validation ran: no mismatch, no fraud.</summary>
    Pass,

    /// <summary>Validation ran: mismatches within the stat test's tolerance, no fraud. Still a pass.</summary>
    PassWithMismatches,

    /// <summary>Validation ran and the fraud test fired (exit code 2).</summary>
    Fail,

    /// <summary>Validation did not run (a skip flag), so there is no fraud verdict.</summary>
    Skipped,

    /// <summary>A hard error ended the run before a verdict (exit code 1).</summary>
    Error,

    /// <summary>Ctrl-C or SIGTERM ended the run (exit code 130).</summary>
    Interrupted,
}
