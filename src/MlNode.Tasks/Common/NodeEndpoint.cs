using System.Net.Http.Headers;
using System.Text;

namespace MlNode.Tasks.Common;

/// <summary>
/// The MLNode under test: its base URL and the credentials sent with every call. Credentials never appear
/// in <see cref="Display"/>, in logs or in reports: a password in the URL becomes a Basic authorization
/// header and the URL shown is <c>http://***@host</c>.
/// </summary>
public sealed class NodeEndpoint
{
    /// <summary>The environment variable holding an optional <c>Authorization</c> header value (e.g. <c>Bearer …</c>).</summary>
    public const string AuthorizationVariable = "MLNODE_AUTHORIZATION";

    private NodeEndpoint(Uri baseAddress, string display, AuthenticationHeaderValue? authorization)
    {
        BaseAddress = baseAddress;
        Display = display;
        Authorization = authorization;
    }

    /// <summary>Gets the base address without credentials, always ending in <c>/</c> so API paths combine under it.</summary>
    public Uri BaseAddress { get; }

    /// <summary>Gets the URL as it may be printed: credentials replaced by <c>***</c>, no trailing slash.</summary>
    public string Display { get; }

    /// <summary>
    /// Gets what identifies the node's GPUs: the base address without credentials or trailing slash. Two endpoints
    /// with the same identity are one node, whichever token reaches it.
    /// </summary>
    public string Identity => BaseAddress.GetLeftPart(UriPartial.Path).TrimEnd('/');

    /// <summary>Gets the authorization header to send, or null.</summary>
    public AuthenticationHeaderValue? Authorization { get; }

    /// <summary>
    /// Parses <c>--mlnode-url</c>. Registers any credential with <paramref name="redactor"/> before anything can print it.
    /// </summary>
    /// <exception cref="InputException">Not an absolute http(s) URL, or credentials given twice.</exception>
    public static NodeEndpoint Parse(string text, string? authorizationHeader, SecretRedactor redactor, string argumentName = "--mlnode-url")
    {
        ArgumentNullException.ThrowIfNull(redactor);
        redactor.Add(authorizationHeader);
        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps) || string.IsNullOrEmpty(uri.Host))
        {
            redactor.Add(PasswordIn(text));
            throw new InputException(
                $"{argumentName}='{redactor.Redact(text)}' is not an absolute http(s) URL; pass the MLNode API base URL, e.g. {argumentName}=http://10.0.0.5:8080");
        }

        var userInfo = Uri.UnescapeDataString(uri.UserInfo);
        var password = userInfo.Contains(':', StringComparison.Ordinal) ? userInfo[(userInfo.IndexOf(':', StringComparison.Ordinal) + 1)..] : null;
        redactor.Add(password);
        redactor.Add(uri.UserInfo.Length > 0 ? uri.UserInfo : null);
        if (!string.IsNullOrEmpty(uri.Query) || !string.IsNullOrEmpty(uri.Fragment))
        {
            redactor.Add(uri.Query.TrimStart('?'));
            throw new InputException(
                $"{argumentName} must be the node's base URL without a query string or fragment (got '{redactor.Redact(text)}'); " +
                $"pass credentials through {AuthorizationVariable} instead");
        }

        AuthenticationHeaderValue? authorization = null;
        if (userInfo.Length > 0)
        {
            if (!string.IsNullOrEmpty(authorizationHeader))
            {
                throw new InputException(
                    $"credentials were given twice: in {argumentName} and in {AuthorizationVariable}; keep one of them");
            }

            authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(userInfo)));
            redactor.Add(authorization.Parameter);
        }
        else if (!string.IsNullOrWhiteSpace(authorizationHeader))
        {
            authorization = ParseHeader(authorizationHeader.Trim());
        }

        var builder = new UriBuilder(uri) { UserName = string.Empty, Password = string.Empty, Query = string.Empty, Fragment = string.Empty };
        var path = builder.Path.TrimEnd('/');
        builder.Path = path + "/";
        var baseAddress = builder.Uri;
        var plain = baseAddress.GetLeftPart(UriPartial.Path).TrimEnd('/');
        var display = userInfo.Length > 0 ? plain.Replace("://", "://" + SecretRedactor.Mask + "@", StringComparison.Ordinal) : plain;
        return new NodeEndpoint(baseAddress, display, authorization);
    }

    /// <summary>Resolves an API path (e.g. <c>api/v1/models/status</c>) under the base address.</summary>
    public Uri Resolve(string relativePath) => new(BaseAddress, relativePath.TrimStart('/'));

    /// <inheritdoc />
    public override string ToString() => Display;

    private static AuthenticationHeaderValue ParseHeader(string value)
    {
        var space = value.IndexOf(' ', StringComparison.Ordinal);
        return space > 0
            ? new AuthenticationHeaderValue(value[..space], value[(space + 1)..].Trim())
            : new AuthenticationHeaderValue(value);
    }

    private static string? PasswordIn(string text)
    {
        var scheme = text.IndexOf("://", StringComparison.Ordinal);
        var at = text.LastIndexOf('@');
        if (scheme < 0 || at < scheme)
        {
            return null;
        }

        var userInfo = text[(scheme + 3)..at];
        var colon = userInfo.IndexOf(':', StringComparison.Ordinal);
        return colon >= 0 ? userInfo[(colon + 1)..] : userInfo;
    }
}
