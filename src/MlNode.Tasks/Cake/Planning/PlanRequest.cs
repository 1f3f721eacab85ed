using MlNode.Tasks.Common;
using MlNode.Tasks.Configuration;
using MlNode.Tasks.References;

namespace MlNode.Tasks.Cake.Planning;

/// <summary>What a task's planner decides from: the invocation's inputs and the task plan the script's graph gives.</summary>
/// <param name="Sources">The invocation's inputs.</param>
/// <param name="Redactor">The masker of its secrets.</param>
/// <param name="Log">Where lines go.</param>
/// <param name="Time">The clock.</param>
/// <param name="Tasks">The task plan (from the script's graph, after --exclusive).</param>
/// <param name="DryRun">Whether this is a dry run (check the inputs; start and write nothing).</param>
/// <param name="SimulatorAssembly">The embedded simulator, for the demo targets.</param>
/// <param name="Interrupt">Ctrl-C.</param>
/// <param name="References">The invocation's loaded references (its runs take the artifacts of what is resolved here).</param>
internal sealed record PlanRequest(
    SettingsSources Sources,
    SecretRedactor Redactor,
    IRunLog Log,
    TimeProvider Time,
    TaskPlan Tasks,
    bool DryRun,
    Func<string> SimulatorAssembly,
    CancellationToken Interrupt,
    ReferenceCache References)
{
    /// <summary>Gets a reader of the inputs.</summary>
    public SettingReader Reader => new(Sources);

    /// <summary>A plan of one pass that acts on no node itself (the task's own body does the work).</summary>
    public BuildPlan Single() => new(Tasks, [BuildPass.None], null);
}
