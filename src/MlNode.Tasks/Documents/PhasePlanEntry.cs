namespace MlNode.Tasks.Documents;

/// <summary>Whether a phase was planned to run, and why not.</summary>
internal sealed class PhasePlanEntry
{
    /// <summary>Gets whether it runs.</summary>
    public bool Runs { get; init; }

    /// <summary>Gets why it does not (e.g. <c>--skip-download</c>); absent when it runs.</summary>
    [Newtonsoft.Json.JsonProperty(NullValueHandling = Newtonsoft.Json.NullValueHandling.Ignore)]
    public string? Reason { get; init; }
}
