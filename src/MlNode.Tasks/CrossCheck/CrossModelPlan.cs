using MlNode.Tasks.Common;
using MlNode.Tasks.PoC;
using MlNode.Tasks.References;

namespace MlNode.Tasks.CrossCheck;

/// <summary>One model's matrix before it runs: its nodes, the golden it is anchored to and the nonces every node computes.</summary>
/// <param name="Model">The model.</param>
/// <param name="Golden">The model's golden reference: its PoC params, stat test and recorded vectors.</param>
/// <param name="GoldenDisplay">Where the golden came from, for reports.</param>
/// <param name="StatTest">The stat test every validation uses (resolved with provenance as a run's).</param>
/// <param name="Nonces">The nonces every node generates (0..N-1).</param>
/// <param name="BatchSize">The batch every node computes with, or null for each node's own default.</param>
/// <param name="Nodes">The nodes, one per hardware class unless every node was asked for.</param>
/// <param name="Timeout">The limit of one generation or validation call.</param>
/// <param name="StopTimeout">How long stopping generation on an interrupt may take.</param>
internal sealed record CrossModelPlan(
    ModelId Model,
    GoldenReference Golden,
    string GoldenDisplay,
    StatTestParameters StatTest,
    IReadOnlyList<long> Nonces,
    int? BatchSize,
    IReadOnlyList<CrossNode> Nodes,
    TimeSpan Timeout,
    TimeSpan StopTimeout);
