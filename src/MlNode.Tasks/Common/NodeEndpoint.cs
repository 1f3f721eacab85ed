using System.Net.Http.Headers;
using System.Text;

namespace MlNode.Tasks.Common;

/// <summary>
/// The MLNode under test: its base URL and the credentials sent with every call. Credentials never appear
/// in <see cref="Display"/>, in logs or in reports: a password in the URL becomes a Basic authorization
/// header and the URL shown is <c>http://***@host</c>.
/// </summary>
internal sealed class NodeEndpoint
{
    /// <summary>The environment variable holding an optional <c>Authorization</c> header value (e.g. <c>Bearer …</c>).</summary>
    public const string AuthorizationVariable = "MLNODE_AUTHORIZATION";

    /// <summary>The environment variable with the Authorization header value for a Network Node's Admin API (never the MLNodes').</summary>
    public const string AdminAuthorizationVariable = "MLNODE_ADMIN_AUTHORIZATION";

    private NodeEndpoint(Uri baseAddress, string display, AuthenticationHeaderValue? authorization, TlsFiles tls)
    {
        BaseAddress = baseAddress;
        Display = display;
        Authorization = authorization;
        Tls = tls;
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

    /// <summary>Gets the TLS files for an https:// endpoint (a client certificate, a pinned server certificate), as paths.</summary>
    public TlsFiles Tls { get; }

    /// <summary>The same endpoint with TLS files (they matter only for https://).</summary>
    public NodeEndpoint WithTls(TlsFiles tls) => new(BaseAddress, Display, Authorization, tls ?? TlsFiles.None);

    /// <summary>
    /// Parses <c>--mlnode-url</c>. Registers any credential with <paramref name="redactor"/> before anything can print it.
    /// </summary>
    /// <exception cref="InputException">Not an absolute http(s) URL, or credentials given twice.</exception>
    /// <param name="text">The URL as typed.</param>
    /// <param name="authorizationHeader">The Authorization header value from the environment, or null.</param>
    /// <param name="redactor">The secrets registry.</param>
    /// <param name="argumentName">The argument the URL came from, for errors.</param>
    /// <param name="authorizationVariable">The variable the header came from, for errors.</param>
    public static NodeEndpoint Parse(string text, string? authorizationHeader, SecretRedactor redactor, string argumentName = "--mlnode-url", string authorizationVariable = AuthorizationVariable)
    {
        ArgumentNullException.ThrowIfNull(redactor);
        RegisterSecrets(text, authorizationHeader, redactor);
        if (authorizationHeader is not null && authorizationHeader.Any(char.IsControl))
        {
            throw new InputException(
                $"{authorizationVariable} holds a line break or another control character; set it to one line, e.g. {authorizationVariable}='Bearer <token>'");
        }

        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps) || string.IsNullOrEmpty(uri.Host))
        {
            throw new InputException(
                $"{argumentName}='{redactor.Redact(text)}' is not an absolute http(s) URL; pass the MLNode API base URL, e.g. {argumentName}=http://10.0.0.5:8080");
        }

        if (authorizationVariable == AuthorizationVariable && uri.AbsolutePath.TrimEnd('/').EndsWith("/api/v1", StringComparison.OrdinalIgnoreCase))
        {
            var root = redactor.Redact(text.TrimEnd('/'))[..^"/api/v1".Length];
            throw new InputException(
                $"{argumentName}='{redactor.Redact(text)}' ends in /api/v1, which the tool adds to every call itself (they would go to /api/v1/api/v1/...); " +
                $"pass the node's base URL: {argumentName}={root}");
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
                $"pass credentials through {authorizationVariable} instead");
        }

        AuthenticationHeaderValue? authorization = null;
        if (userInfo.Length > 0)
        {
            if (!string.IsNullOrEmpty(authorizationHeader))
            {
                throw new InputException(
                    $"credentials were given twice: in {argumentName} and in {authorizationVariable}; keep one of them");
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
        return new NodeEndpoint(baseAddress, display, authorization, TlsFiles.None);
    }

    /// <summary>
    /// Registers every spelling of the credentials in a URL as typed and in an Authorization header value: the
    /// password and user info as typed (percent escapes and their letter case kept), decoded, and as .NET normalizes
    /// them. Call it as soon as the inputs are read, before anything (help, dry run, CI output) can print them.
    /// </summary>
    public static void RegisterSecrets(string? url, string? authorizationHeader, SecretRedactor redactor)
    {
        ArgumentNullException.ThrowIfNull(redactor);
        redactor.Add(authorizationHeader);
        redactor.Add(authorizationHeader?.Trim());
        if (authorizationHeader?.Trim() is { } header && header.IndexOf(' ', StringComparison.Ordinal) is var space and > 0)
        {
            redactor.Add(header[(space + 1)..].Trim());
        }

        if (url is null || UserInfoIn(url) is not { Length: > 0 } typed)
        {
            return;
        }

        var colon = typed.IndexOf(':', StringComparison.Ordinal);
        var typedPassword = colon >= 0 ? typed[(colon + 1)..] : typed;
        foreach (var form in new[] { typed, typedPassword }.SelectMany(t => new[] { t, Unescape(t), Escapes(t, upper: true), Escapes(t, upper: false) }))
        {
            redactor.Add(form);
        }

        if (Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.UserInfo.Length > 0)
        {
            redactor.Add(uri.UserInfo);
            var normalized = uri.UserInfo.IndexOf(':', StringComparison.Ordinal) is var c and >= 0 ? uri.UserInfo[(c + 1)..] : uri.UserInfo;
            redactor.Add(normalized);
        }
    }

    /// <summary>
    /// Resolves an API path (e.g. <c>api/v1/models/status</c>) under the base address, literally: a segment made of
    /// outside text (a node id such as <c>..</c>, escaped by <see cref="PathSegment"/>) never climbs out of its route.
    /// </summary>
    public Uri Resolve(string relativePath)
    {
        ArgumentNullException.ThrowIfNull(relativePath);
        var combined = BaseAddress.AbsoluteUri + relativePath.TrimStart('/');
        return new Uri(combined, new UriCreationOptions { DangerousDisablePathAndQueryCanonicalization = true });
    }

    /// <summary>
    /// Escapes outside text as one path segment: reserved characters percent-encoded, and a segment of dots (which
    /// every URL parser would resolve as <c>.</c> or <c>..</c>) written as <c>%2E</c>s.
    /// </summary>
    public static string PathSegment(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var escaped = Uri.EscapeDataString(text);
        return escaped.Length > 0 && escaped.All(c => c == '.') ? string.Concat(Enumerable.Repeat("%2E", escaped.Length)) : escaped;
    }

    /// <inheritdoc />
    public override string ToString() => Display;

    private static AuthenticationHeaderValue ParseHeader(string value)
    {
        var space = value.IndexOf(' ', StringComparison.Ordinal);
        return space > 0
            ? new AuthenticationHeaderValue(value[..space], value[(space + 1)..].Trim())
            : new AuthenticationHeaderValue(value);
    }

    // The user info as typed: between "://" and the URL's last '@' (a raw '/' or '@' in a password ends the authority
    // early, so the authority's own last '@' would leave the rest of the password out of the secrets).
    private static string? UserInfoIn(string text)
    {
        var scheme = text.IndexOf("://", StringComparison.Ordinal);
        if (scheme < 0)
        {
            return null;
        }

        var end = text.IndexOfAny([' ', '\t', '\n', '\r'], scheme + 3);
        var rest = end < 0 ? text[(scheme + 3)..] : text[(scheme + 3)..end];
        var at = rest.LastIndexOf('@');
        return at < 0 ? null : rest[..at];
    }

    // The same text with every percent escape's hex digits in one letter case ("%5a" and "%5A" are one character).
    private static string Escapes(string text, bool upper) =>
        System.Text.RegularExpressions.Regex.Replace(text, "%[0-9a-fA-F]{2}", m => upper ? m.Value.ToUpperInvariant() : m.Value.ToLowerInvariant());

    private static string Unescape(string text)
    {
        try
        {
            return Uri.UnescapeDataString(text);
        }
        catch (UriFormatException)
        {
            return text;
        }
    }
}
