namespace MlNode.Tasks.Configuration;

/// <summary>A setting's value together with where it came from, kept for the report and the help text.</summary>
/// <typeparam name="T">The value's type.</typeparam>
/// <param name="Value">The effective value.</param>
/// <param name="Source">The layer that supplied it.</param>
internal sealed record Resolved<T>(T Value, ValueSource Source)
{
    /// <inheritdoc />
    public override string ToString() => $"{Value} ({Source.Display()})";
}
