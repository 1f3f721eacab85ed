namespace MlNode.Tasks.Configuration;

/// <summary>The four phases of a validation run, in order; the value is the 1-based index printed as [i/4].</summary>
internal enum Phase
{
    /// <summary>[1/4] ensure the model is cached on the node.</summary>
    Download = 1,

    /// <summary>[2/4] ensure vLLM serves the model.</summary>
    Deploy = 2,

    /// <summary>[3/4] measure full-system PoC throughput.</summary>
    Throughput = 3,

    /// <summary>[4/4] validate the reference's honest vectors.</summary>
    Validate = 4,
}

/// <summary>Names of phases as the contract prints them and as Cake tasks are called.</summary>
internal static class PhaseNames
{
    /// <summary>Gets the phases in order: the one declaration of their order, which everything else derives from.</summary>
    public static IReadOnlyList<Phase> InOrder { get; } = [Phase.Download, Phase.Deploy, Phase.Throughput, Phase.Validate];

    /// <summary>The phases that come before <paramref name="phase"/> (every phase for null).</summary>
    public static IEnumerable<Phase> Before(Phase? phase) => phase is { } p ? InOrder.TakeWhile(x => x != p) : InOrder;

    /// <summary>The phases up to and including <paramref name="phase"/>.</summary>
    public static IEnumerable<Phase> Through(Phase phase) => InOrder.Take(InOrder.ToList().IndexOf(phase) + 1);

    /// <summary>The contract's lower-case name ("download").</summary>
    public static string Key(this Phase phase) => phase.ToString().ToLowerInvariant();

    /// <summary>The header tag, e.g. "[1/4] download".</summary>
    public static string Header(this Phase phase) => $"[{(int)phase}/4] {phase.Key()}";
}

/// <summary>Whether a phase runs in this invocation and, if not, why.</summary>
/// <param name="Runs">True when the phase runs.</param>
/// <param name="Reason">Why it is skipped (e.g. "--skip-download"), or null when it runs.</param>
internal sealed record PhaseDecision(bool Runs, string? Reason)
{
    /// <summary>Gets the decision for a phase that runs.</summary>
    public static PhaseDecision Run { get; } = new(true, null);

    /// <summary>A phase that does not run.</summary>
    public static PhaseDecision Skip(string reason) => new(false, reason);
}
