namespace MlNode.Tasks.CrossCheck;

/// <summary>A node not taken into a matrix because another node of its hardware class stands for it (--cross=all takes it).</summary>
/// <param name="NodeId">The node left out.</param>
/// <param name="Model">The model.</param>
/// <param name="Hardware">Its class.</param>
/// <param name="StandIn">The node of the same class that is in the matrix.</param>
internal sealed record CrossLeftOut(string NodeId, string Model, string Hardware, string StandIn);
