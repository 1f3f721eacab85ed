namespace MlNode.Tasks.Fleet.Documents;

/// <summary>
/// The Admin API's <c>GET /admin/v1/nodes/&lt;id&gt;/launch-plan</c>: the models the Network Node would launch on the
/// node right now, each with its final args (governance args merged with the node's own), and the configured models
/// it would not launch.
/// </summary>
internal sealed class LaunchPlanReply
{
    /// <summary>Gets the node's id.</summary>
    public string? NodeId { get; init; }

    /// <summary>Gets one plan per model it would launch.</summary>
    public IReadOnlyList<ModelLaunchPlan?>? Plans { get; init; }

    /// <summary>Gets the configured models that governance does not list.</summary>
    public IReadOnlyList<LaunchPlanExclusion>? SkippedModels { get; init; }

    /// <summary>Gets the configured models the current PoC parameters filter out.</summary>
    public IReadOnlyList<LaunchPlanExclusion>? UnsupportedModels { get; init; }
}
