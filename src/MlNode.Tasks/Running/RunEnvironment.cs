using MlNode.Tasks.Common;
using MlNode.Tasks.Phases;
using MlNode.Tasks.References;

namespace MlNode.Tasks.Running;

/// <summary>
/// What a run takes from its surroundings: the clock, the interrupt signal, the invocation's secrets registry (every
/// output the run writes goes through it), its loaded references and (in tests) an HTTP handler.
/// </summary>
/// <param name="Time">The clock.</param>
/// <param name="Interrupt">Fires on Ctrl-C / SIGTERM.</param>
/// <param name="Redactor">The secrets registry the run's settings were resolved with.</param>
/// <param name="Handler">An HTTP handler to use instead of the network stack, or null.</param>
/// <param name="Deployed">What earlier runs of this invocation deployed (for --all-references), or null.</param>
/// <param name="References">The references its settings were resolved from, or null to read the file again.</param>
internal sealed record RunEnvironment(
    TimeProvider Time,
    CancellationToken Interrupt,
    SecretRedactor Redactor,
    HttpMessageHandler? Handler = null,
    DeployMemory? Deployed = null,
    ReferenceCache? References = null);
