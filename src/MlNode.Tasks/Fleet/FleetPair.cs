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

    /// <summary>The folder name of a pair: its node id and model, each reduced to characters safe in a file name.</summary>
    public static string FolderNameOf(string nodeId, string model) => $"{Safe(nodeId)}__{Safe(model.Replace('/', '-')).ToLowerInvariant()}";

    private static string Safe(string text)
    {
        var chars = text.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '.' or '_' ? c : '_').ToArray();
        var safe = new string(chars).Trim('.');
        return safe.Length == 0 ? "_" : safe;
    }
}
