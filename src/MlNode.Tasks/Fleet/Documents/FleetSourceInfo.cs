namespace MlNode.Tasks.Fleet.Documents;

/// <summary>Where a fleet's definition came from.</summary>
internal sealed record FleetSourceInfo
{
    /// <summary>Gets the kind: <c>nodes-file</c>, <c>admin-api</c>, or <c>merged</c> (FleetReport over CI jobs' folders).</summary>
    public string Kind { get; init; } = string.Empty;

    /// <summary>Gets the file, URL (without secrets) or folder.</summary>
    public string Location { get; init; } = string.Empty;

    /// <summary>Gets the --node-ids filter, if any.</summary>
    public IReadOnlyList<string>? NodeIds { get; init; }

    /// <summary>Gets the --models filter, if any.</summary>
    public IReadOnlyList<string>? Models { get; init; }
}
