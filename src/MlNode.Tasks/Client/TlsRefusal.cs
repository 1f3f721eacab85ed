using System.Net;

namespace MlNode.Tasks.Client;

/// <summary>
/// What a TLS-terminating proxy in front of a node says when the client side of mutual TLS is wrong: nginx answers 400
/// with a page of its own (gonka's mTLS compose puts one on the PoC port). Each page gets the advice that fixes it.
/// </summary>
internal static class TlsRefusal
{
    /// <summary>The advice for a reply, starting with "; ", or empty when the reply is not one of these pages.</summary>
    public static string Hint(HttpStatusCode status, string body)
    {
        ArgumentNullException.ThrowIfNull(body);
        if (status != HttpStatusCode.BadRequest)
        {
            return string.Empty;
        }

        return body.Contains("No required SSL certificate was sent", StringComparison.Ordinal)
                ? "; the node requires a client certificate: pass --client-cert and --client-key (gonka mTLS: the Network Node's dapi.crt and dapi.key)"
            : body.Contains("The SSL certificate error", StringComparison.Ordinal)
                ? "; the node refused the certificate in --client-cert: it pins another one (gonka mTLS: pass the dapi.crt and dapi.key made together with this node's mlnode.crt)"
            : body.Contains("The plain HTTP request was sent to HTTPS port", StringComparison.Ordinal)
                ? "; this port speaks TLS: use https:// in the URL (and --ca-cert with the node's certificate if it is self-signed)"
            : string.Empty;
    }
}
