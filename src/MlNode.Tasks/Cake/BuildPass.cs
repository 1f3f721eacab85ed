using MlNode.Tasks.Baking;
using MlNode.Tasks.Configuration;

namespace MlNode.Tasks.Cake;

/// <summary>One pass of the task graph: a validation run, a bake, or neither (Help, CheckReferences, a dry run).</summary>
/// <param name="Run">The validation run's settings, or null.</param>
/// <param name="Bake">The bake's settings, or null.</param>
internal sealed record BuildPass(RunSettings? Run, BakeSettings? Bake)
{
    /// <summary>Gets a pass that acts on no node.</summary>
    public static BuildPass None { get; } = new(null, null);
}
