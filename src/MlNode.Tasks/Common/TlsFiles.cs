namespace MlNode.Tasks.Common;

/// <summary>
/// The TLS material for one kind of endpoint, as paths (never contents): the client certificate and its key presented
/// to a node that requires one, and the certificate the node's own is verified against instead of the system's CAs.
/// Loaded when a client is made (<c>Client/TlsTrust</c>); printed and passed on only as paths.
/// </summary>
/// <param name="ClientCert">The PEM client certificate, or null.</param>
/// <param name="ClientKey">Its PEM private key, or null.</param>
/// <param name="CaCert">The PEM certificate to trust for the server, or null for the system's CAs.</param>
internal sealed record TlsFiles(string? ClientCert, string? ClientKey, string? CaCert)
{
    /// <summary>Gets the default: no client certificate, the system's CAs.</summary>
    public static TlsFiles None { get; } = new(null, null, null);
}
