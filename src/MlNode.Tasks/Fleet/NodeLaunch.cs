namespace MlNode.Tasks.Fleet;

/// <summary>
/// How a fleet node's models are deployed for validation: the exact launch the Network Node shows in its launch plan
/// (governance args merged with the node's own), or, where there is no plan (a node-config file, an older Network
/// Node), the node's own configured args. Either way they replace the reference's recording args.
/// </summary>
internal sealed record NodeLaunch
{
    /// <summary>Gets where the args come from, as reports show it (e.g. <c>launch-plan http://10.0.0.2:9200 node1</c>).</summary>
    public required string Origin { get; init; }

    /// <summary>Gets each planned model's final args, or null when the node's configured args are used.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>>? Planned { get; init; }

    /// <summary>Gets the models the plan leaves out, each with why (the pair is refused).</summary>
    public IReadOnlyDictionary<string, string> Excluded { get; init; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>Gets why the launch could not be known (every pair of the node is an error), or null.</summary>
    public string? Error { get; init; }

    /// <summary>Gets a warning to show once for the node (a fallback), or null.</summary>
    public string? Warning { get; init; }

    /// <summary>The node's own configured args, from where the fleet was read.</summary>
    public static NodeLaunch FromConfig(string origin, string? warning = null) => new() { Origin = origin, Warning = warning };

    /// <summary>A launch that cannot be known.</summary>
    public static NodeLaunch Failed(string origin, string error) => new() { Origin = origin, Error = error };

    /// <summary>What one model of the node is deployed with.</summary>
    /// <param name="model">The model.</param>
    /// <param name="configuredArgs">The node's own configured args for it.</param>
    public PairLaunch For(string model, IReadOnlyList<string> configuredArgs)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(configuredArgs);
        if (Error is not null)
        {
            return new PairLaunch(configuredArgs, Origin, null, Error);
        }

        if (Excluded.TryGetValue(model, out var why))
        {
            return new PairLaunch(configuredArgs, Origin, why, null);
        }

        if (Planned is null)
        {
            return new PairLaunch(configuredArgs, Origin, null, null);
        }

        return Planned.TryGetValue(model, out var args)
            ? new PairLaunch(args, Origin, null, null)
            : new PairLaunch(configuredArgs, Origin, null, $"the launch plan ({Origin}) has no plan for '{model}' although the node configures it; check the node's models in the Network Node");
    }
}

/// <summary>What one (node, model) pair is deployed with.</summary>
/// <param name="Args">The args that replace the reference's.</param>
/// <param name="Origin">Where they come from.</param>
/// <param name="Refusal">Why the Network Node would not launch the model (the pair is REFUSED), or null.</param>
/// <param name="Error">Why the args are unknown (the pair is an ERROR), or null.</param>
internal sealed record PairLaunch(IReadOnlyList<string> Args, string Origin, string? Refusal, string? Error);
