using System.Net;
using MlNode.Tasks.Common;

namespace MlNode.Tasks.Client;

/// <summary>
/// A call to the MLNode failed: the node could not be reached, answered an error status, or answered something
/// that is not the documented reply. The message names the endpoint and what came back.
/// </summary>
internal sealed class MlNodeCallException : MlNodeException
{
    /// <summary>Creates the exception.</summary>
    public MlNodeCallException(string endpoint, string message, HttpStatusCode? status = null, string? body = null, Exception? innerException = null)
        : base($"{endpoint} {message}", ExitCodes.Error, innerException)
    {
        Endpoint = endpoint;
        Status = status;
        Body = body;
    }

    /// <summary>Gets the call, e.g. <c>POST /api/v1/models/status</c>.</summary>
    public string Endpoint { get; }

    /// <summary>Gets the HTTP status, when one was received.</summary>
    public HttpStatusCode? Status { get; }

    /// <summary>Gets the (truncated) body, when one was received.</summary>
    public string? Body { get; }

    /// <summary>Gets whether the node gave no answer at all (a timeout, a refused or broken connection): it is down or unreachable.</summary>
    public bool NoAnswer => Status is null && InnerException is { } cause && TransientFaults.IsTransient(cause);
}
