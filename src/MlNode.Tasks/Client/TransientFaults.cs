using System.Net;
using System.Net.Sockets;
using Polly.Timeout;

namespace MlNode.Tasks.Client;

/// <summary>
/// The rules that say a failed call may succeed if repeated. Each rule is a small named predicate so that a
/// pipeline states exactly which faults it retries.
/// </summary>
internal static class TransientFaults
{
    /// <summary>502/503/504: a gateway or the node is briefly unavailable; the request was not processed.</summary>
    public static bool IsTransientStatus(HttpStatusCode status) =>
        status is HttpStatusCode.BadGateway or HttpStatusCode.ServiceUnavailable or HttpStatusCode.GatewayTimeout;

    /// <summary>503 alone: the node says no vLLM backend is available yet (still loading).</summary>
    public static bool IsServiceUnavailable(HttpStatusCode status) => status == HttpStatusCode.ServiceUnavailable;

    /// <summary>The connection failed or broke (refused, reset, closed mid-response); not a reply over a size limit, which a retry only repeats.</summary>
    public static bool IsConnectionFailure(Exception exception) =>
        (exception is HttpRequestException or IOException or SocketException) && !IsOverSizeLimit(exception) && !TlsTrust.IsHandshakeFailure(exception);

    /// <summary>The reply was larger than the client accepts (HttpClient.MaxResponseContentBufferSize).</summary>
    public static bool IsOverSizeLimit(Exception exception) =>
        exception is HttpRequestException { HttpRequestError: HttpRequestError.ConfigurationLimitExceeded }
            || exception.InnerException is HttpRequestException { HttpRequestError: HttpRequestError.ConfigurationLimitExceeded };

    /// <summary>One attempt exceeded its own timeout (the phase deadline is a separate, outer limit).</summary>
    public static bool IsAttemptTimeout(Exception exception) => exception is TimeoutRejectedException;

    /// <summary>
    /// The request provably never reached the node (no connection could be made): the only failure after which a
    /// state-changing POST may be repeated without first checking what the node did.
    /// </summary>
    public static bool RequestNeverSent(Exception exception) =>
        exception is HttpRequestException { HttpRequestError: HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError } http &&
        (http.InnerException is SocketException { SocketErrorCode: var code } && NeverReached(code) || http.HttpRequestError == HttpRequestError.NameResolutionError);

    // The socket errors that mean no byte of the request left this machine.
    private static bool NeverReached(SocketError code) =>
        code is SocketError.ConnectionRefused or SocketError.HostNotFound or SocketError.HostUnreachable or SocketError.NetworkUnreachable or SocketError.TryAgain;

    /// <summary>
    /// The connection closed before any byte of an answer ("The response ended prematurely"): the node or a proxy
    /// dropped it. Not a timeout, not an HTTP answer.
    /// </summary>
    public static bool ResponseEndedBeforeAnswer(Exception exception) =>
        exception is HttpRequestException { HttpRequestError: HttpRequestError.ResponseEnded };

    /// <summary>Any fault an idempotent read may retry: transient status, broken connection or attempt timeout.</summary>
    public static bool IsTransient(Exception exception) => IsConnectionFailure(exception) || IsAttemptTimeout(exception);
}
