using Newtonsoft.Json.Linq;

namespace MlNode.Tasks.Documents;

/// <summary>The validate phase's results: what was sent, what the node answered, and the judgement.</summary>
internal sealed class ValidationInfo
{
    /// <summary>Gets what was sent.</summary>
    public ValidationRequestInfo Request { get; init; } = new();

    /// <summary>Gets the node's reply to POST /pow/generate, verbatim (n_total, n_mismatch, mismatch_nonces, p_value, fraud_detected, ...).</summary>
    public JObject? Response { get; init; }

    /// <summary>Gets whether the reply was coherent (counts agree, every field present), or null before it came.</summary>
    public bool? Coherent { get; init; }

    /// <summary>Gets whether the fraud test did not fire (null unless the reply was coherent).</summary>
    public bool? Passed { get; init; }

    /// <summary>Gets whether any nonce mismatched (null unless the reply was coherent).</summary>
    public bool? HasMismatches { get; init; }

    /// <summary>Gets the tool's own judgement of the node's vectors (null until the node's reply came).</summary>
    public LocalValidationInfo? Local { get; init; }

    /// <summary>Gets what the mismatches look like and their likely cause (null without mismatches).</summary>
    public AnatomyInfo? Anatomy { get; init; }

    /// <summary>Gets the decode test recomputed from the node's per_nonce (absent for a prefill reference).</summary>
    [Newtonsoft.Json.JsonProperty(NullValueHandling = Newtonsoft.Json.NullValueHandling.Ignore)]
    public DecodeValidationInfo? Decode { get; init; }
}

/// <summary>The validation request, without its vectors.</summary>
internal sealed class ValidationRequestInfo
{
    /// <summary>Gets the PoC scheme the reference asked for: prefill (vectors) or decode (trajectories).</summary>
    public string Scheme { get; init; } = "prefill";

    /// <summary>Gets how many vectors were sent.</summary>
    public int NTotal { get; init; }

    /// <summary>Gets the batch_size sent, or null when none was.</summary>
    public int? BatchSize { get; init; }

    /// <summary>Gets why.</summary>
    public string? BatchSizeReason { get; init; }

    /// <summary>Gets the stat test sent.</summary>
    public StatTestTriple<double> StatTest { get; init; } = new();
}
