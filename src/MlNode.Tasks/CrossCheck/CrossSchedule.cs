namespace MlNode.Tasks.CrossCheck;

/// <summary>
/// Who does what, in which order: every node first generates its own vectors, then validates the golden's (ready at
/// once), then every other node's in a rotation (node i takes node i+1, i+2, ...). Each node works through its own
/// queue one job at a time, so no node ever has two jobs, and at any moment the nodes validate different generators
/// rather than all queueing behind the slowest one: the wall time is about one generation plus n validations.
/// </summary>
internal static class CrossSchedule
{
    /// <summary>The source id of the golden reference's vectors.</summary>
    public const string Golden = "golden";

    /// <summary>The queue of each node, in the nodes' order: its own id (generate), then the sources it validates.</summary>
    public static IReadOnlyList<IReadOnlyList<string>> Queues(IReadOnlyList<string> nodes, bool withGolden)
    {
        ArgumentNullException.ThrowIfNull(nodes);
        return nodes.Select((node, i) =>
        {
            var queue = new List<string> { node };
            if (withGolden)
            {
                queue.Add(Golden);
            }

            queue.AddRange(Enumerable.Range(1, nodes.Count - 1).Select(k => nodes[(i + k) % nodes.Count]));
            return (IReadOnlyList<string>)queue;
        }).ToList();
    }
}
