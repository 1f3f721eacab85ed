namespace MlNode.Tasks.PoC;

/// <summary>
/// What a PoC nonce produces (decode-poc.md): a prefill vector judged by L2 distance, or a decode trajectory of
/// codebook indices judged by the claimed margin of its disagreeing steps. A request that names no scheme is prefill.
/// </summary>
internal enum PocScheme
{
    /// <summary>One k_dim float16 vector per nonce (mlnode-api.md §3–§5); what the chain validates today.</summary>
    Prefill,

    /// <summary>A trajectory of max_tokens + 1 codebook indices per nonce (decode-poc.md); not on chain yet.</summary>
    Decode,
}

/// <summary>The schemes' names as files and the wire spell them.</summary>
internal static class PocSchemes
{
    /// <summary>Gets the name of a scheme (<c>prefill</c>, <c>decode</c>).</summary>
    public static string Name(this PocScheme scheme) => scheme == PocScheme.Decode ? "decode" : "prefill";

    /// <summary>Reads a scheme's name (exact, lower case), or null for any other text.</summary>
    public static PocScheme? Parse(string? text) => text switch
    {
        "prefill" => PocScheme.Prefill,
        "decode" => PocScheme.Decode,
        _ => null,
    };
}
