namespace MlNode.Tasks.Demo;

/// <summary>What a demo on a simulated fleet starts: the fleet's options, the trusted node's extra options, how it is announced and its folder's name.</summary>
/// <param name="FleetOptions">The simulated Network Node's options (--fleet=n, per-node faults and hardware, ...).</param>
/// <param name="TrustedOptions">Options of the trusted node the golden is baked on, beyond the demo model it serves.</param>
/// <param name="Description">The line that says what the fleet is.</param>
/// <param name="FolderName">The demo folder's name before its timestamp.</param>
internal sealed record FleetDemoSpec(IReadOnlyList<string> FleetOptions, IReadOnlyList<string> TrustedOptions, string Description, string FolderName);
