namespace MlNode.Tasks.Fleet;

/// <summary>One (node, model) pair of a fleet: one whole validation pipeline.</summary>
/// <param name="Node">The node.</param>
/// <param name="Model">The model id as the node's config spells it.</param>
/// <param name="NodeArgs">The vLLM args the Network Node launches the model with (they replace the reference's).</param>
/// <param name="ArgsFrom">Where <paramref name="NodeArgs"/> come from (launch plan, node config).</param>
internal sealed record FleetPair(FleetNode Node, string Model, IReadOnlyList<string> NodeArgs, string ArgsFrom)
{
    /// <summary>Gets why the Network Node would not launch the model (the pair is refused), or null.</summary>
    public string? Refusal { get; init; }

    /// <summary>Gets why the pair's deploy args are unknown (the pair is an error), or null.</summary>
    public string? LaunchError { get; init; }

    /// <summary>Gets the prefix of the pair's log lines: <c>node7 Qwen/Qwen3-32B-FP8</c>.</summary>
    public string Label => $"{Node.Id} {Model}";

    /// <summary>Gets the name of the pair's experiment folder inside the fleet folder: <c>node7__qwen-qwen3-32b-fp8</c>.</summary>
    public string FolderName => FolderNameOf(Node.Id, Model);

    /// <summary>
    /// The folder name of a pair: its node id and model, each reduced to characters safe in a file name. A node id
    /// that had to be changed (or cut: a name has room for 255 bytes) keeps a short hash of itself, so two ids never
    /// share a folder (<c>a/b</c> and <c>a_b</c>, <c>..</c> and <c>.</c>).
    /// </summary>
    public static string FolderNameOf(string nodeId, string model) => $"{Unique(nodeId)}__{Safe(model.Replace('/', '-')).ToLowerInvariant()}";

    // Ids longer than this are cut (and hashed): the folder name then stays well inside a file system's 255 bytes.
    private const int MaxIdLength = 64;

    private static string Unique(string nodeId)
    {
        var safe = Safe(nodeId);
        if (safe == nodeId && safe.Length <= MaxIdLength)
        {
            return safe;
        }

        var hash = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(nodeId)))[..10];
        return $"{(safe.Length > MaxIdLength ? safe[..MaxIdLength] : safe)}-{hash}";
    }

    private static string Safe(string text)
    {
        var chars = text.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '.' or '_' ? c : '_').ToArray();
        var safe = new string(chars).Trim('.');
        return safe.Length == 0 ? "_" : safe;
    }
}
