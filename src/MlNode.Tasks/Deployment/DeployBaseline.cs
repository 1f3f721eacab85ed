namespace MlNode.Tasks.Deployment;

/// <summary>
/// The vLLM args a run deploys with before the CLI overrides (<c>--tp-size</c>, <c>--max-model-len</c>,
/// <c>--extra-arg</c>) ride on top, and where they came from. Production launches a model with the node's own args
/// (its node config, or the Network Node's launch plan); a golden reference's <c>additional_args</c> only record how
/// its vectors were recorded, so they are the baseline only when nothing better was given.
/// </summary>
/// <param name="Args">The baseline args, as tokens.</param>
/// <param name="Origin">Where they came from, as reports show it: <c>reference</c>, <c>node-config &lt;path&gt; node1</c>, <c>launch-plan &lt;admin api&gt; node1</c>.</param>
internal sealed record DeployBaseline(IReadOnlyList<string> Args, string Origin)
{
    /// <summary>The origin of a baseline taken from the golden reference.</summary>
    public const string ReferenceOrigin = "reference";

    /// <summary>Gets whether the baseline is the reference's recording args (no node config was given).</summary>
    public bool IsReference => Origin == ReferenceOrigin;

    /// <summary>The reference's own args as the baseline.</summary>
    public static DeployBaseline FromReference(IReadOnlyList<string> referenceArgs) => new(referenceArgs, ReferenceOrigin);
}
