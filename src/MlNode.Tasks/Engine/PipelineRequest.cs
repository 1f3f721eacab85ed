using MlNode.Tasks.Configuration;

namespace MlNode.Tasks.Engine;

/// <summary>One pipeline for <see cref="PipelineEngine.RunAllAsync"/>: what to validate and how its lines are labelled.</summary>
/// <param name="Settings">The run's resolved settings (node, model, reference, phases).</param>
/// <param name="Label">The prefix of its log lines, e.g. <c>node7 Qwen/Qwen3-32B-FP8</c>.</param>
public sealed record PipelineRequest(RunSettings Settings, string Label);
