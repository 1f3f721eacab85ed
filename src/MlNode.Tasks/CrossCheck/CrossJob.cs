namespace MlNode.Tasks.CrossCheck;

/// <summary>One job a node did, for the report's timeline (and the proof that no node had two at once).</summary>
/// <param name="Node">The node that did it.</param>
/// <param name="Kind"><c>generate</c> or <c>validate</c>.</param>
/// <param name="Source">Whose vectors (for a generation, the node itself).</param>
/// <param name="StartedS">Seconds from the matrix's start to the job's start.</param>
/// <param name="FinishedS">Seconds from the matrix's start to the job's end.</param>
internal sealed record CrossJob(string Node, string Kind, string Source, double StartedS, double FinishedS)
{
    /// <summary>A node computing its own vectors.</summary>
    public const string Generate = "generate";

    /// <summary>A node recomputing and judging another source's vectors.</summary>
    public const string Validate = "validate";
}
