namespace MlNode.Tasks.Fleet;

/// <summary>
/// One job of a fleet's CI matrix: a pair's own <c>--target=Report</c>, or, past the CI system's job limit, a shard of
/// whole nodes that runs <c>--target=Fleet --pairs=...</c>. <see cref="Args"/> is the job's complete build.sh
/// command; the other fields name the job for a person reading the CI page.
/// </summary>
/// <param name="Name">The job's folder-safe name: the pair's folder name, or <c>shard-007</c>.</param>
/// <param name="Node">The node id, or <c>shard 7 of 256</c>.</param>
/// <param name="Model">The model, or how many pairs on how many nodes the shard holds.</param>
/// <param name="MlNodeUrl">The node's URL without credentials (empty for a shard).</param>
/// <param name="NodeArgs">The pair's deploy args as shell words (empty for a shard: its Fleet reads them itself).</param>
/// <param name="Pairs">The pairs the job validates, by folder name.</param>
/// <param name="Args">The job's build.sh arguments as shell words, for <c>eval "set -- $ARGS"</c>.</param>
internal sealed record FleetJob(string Name, string Node, string Model, string MlNodeUrl, string NodeArgs, IReadOnlyList<string> Pairs, string Args);
