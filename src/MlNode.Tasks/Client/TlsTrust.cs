using System.Globalization;
using System.Net.Security;
using System.Security.Authentication;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using MlNode.Tasks.Common;

namespace MlNode.Tasks.Client;

/// <summary>
/// The TLS side of an https:// endpoint: the client certificate it is shown (gonka mTLS: dapi.crt + dapi.key), the
/// certificate its own must chain to when the system's CAs are not the judge (gonka mTLS: the pinned, self-signed
/// mlnode.crt), and, when a handshake is refused on this side, why in one line, with both fingerprints. The host
/// name is checked as usual. Files are read once, here; their contents never reach a log.
/// </summary>
internal sealed class TlsTrust : IDisposable
{
    private readonly TlsFiles _files;
    private readonly X509Certificate2? _client;
    private readonly X509Certificate2? _ca;
    private readonly string _caArgument;
    private string? _rejection;

    /// <summary>Loads the files.</summary>
    /// <exception cref="InputException">A file cannot be read, the key is encrypted or does not match, or a certificate has expired.</exception>
    /// <param name="files">The files.</param>
    /// <param name="time">The clock certificates' dates are checked against.</param>
    /// <param name="caArgument">The argument the trusted certificate came from, for messages (--ca-cert, --admin-ca-cert).</param>
    public TlsTrust(TlsFiles files, TimeProvider time, string caArgument = "--ca-cert")
    {
        ArgumentNullException.ThrowIfNull(files);
        ArgumentNullException.ThrowIfNull(time);
        _files = files;
        _caArgument = caArgument;
        var now = time.GetUtcNow();
        if (files is { ClientCert: { } cert, ClientKey: { } key })
        {
            _client = LoadClient(cert, key, now);
        }

        if (files.CaCert is { } ca)
        {
            _ca = LoadCertificate(ca, caArgument, now);
        }
    }

    /// <summary>Gets why this side refused the last handshake, or null.</summary>
    public string? Rejection => _rejection;

    /// <summary>A handler for the endpoint: redirects never followed, the TLS options applied.</summary>
    public SocketsHttpHandler Handler(TimeSpan? connectTimeout = null) => new()
    {
        ConnectTimeout = connectTimeout ?? TimeSpan.FromSeconds(15),
        PooledConnectionIdleTimeout = TimeSpan.FromSeconds(30),
        AllowAutoRedirect = false,
        SslOptions = new SslClientAuthenticationOptions
        {
            ClientCertificates = _client is null ? null : new X509CertificateCollection { _client },
            // A client certificate is offered whatever CAs the server names: gonka's nginx pins one self-signed
            // certificate and names no CA.
            LocalCertificateSelectionCallback = _client is null ? null : (_, _, _, _, _) => _client,
            RemoteCertificateValidationCallback = Validate,
        },
    };

    /// <summary>The SHA-256 fingerprint as openssl prints it (<c>AB:CD:...</c>).</summary>
    public static string Fingerprint(X509Certificate2 certificate)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        return string.Join(':', certificate.GetCertHash(HashAlgorithmName.SHA256).Select(b => b.ToString("X2", CultureInfo.InvariantCulture)));
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _client?.Dispose();
        _ca?.Dispose();
    }

    private bool Validate(object sender, X509Certificate? presented, X509Chain? chain, SslPolicyErrors errors)
    {
        if (presented is null)
        {
            _rejection = $"the {Who} sent no TLS certificate";
            return false;
        }

        using var server = X509CertificateLoader.LoadCertificate(presented.GetRawCertData());
        if (errors.HasFlag(SslPolicyErrors.RemoteCertificateNameMismatch))
        {
            _rejection = $"the {Who}'s TLS certificate is for {Names(server)}, not the host in the URL; use a URL with one of those names (or an address the certificate lists)";
            return false;
        }

        if (_ca is null)
        {
            if (errors == SslPolicyErrors.None)
            {
                return true;
            }

            _rejection = $"the {Who}'s TLS certificate is not trusted by this machine ({Status(chain)}; SHA256 {Fingerprint(server)}); " +
                $"if it is a pinned self-signed certificate{Gonka(" (gonka mTLS: mlnode.crt)")}, pass it as {_caArgument}";
            return false;
        }

        using var pinned = new X509Chain();
        pinned.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        pinned.ChainPolicy.CustomTrustStore.Add(_ca);
        pinned.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        if (pinned.Build(server))
        {
            return true;
        }

        _rejection = Fingerprint(server) == Fingerprint(_ca)
            ? $"the {Who}'s TLS certificate is the one in {_caArgument} '{_files.CaCert}' but is not valid ({Status(pinned)})"
            : $"the {Who}'s TLS certificate is not the one in {_caArgument} '{_files.CaCert}' ({Who}: SHA256 {Fingerprint(server)}; {_caArgument}: " +
                $"SHA256 {Fingerprint(_ca)}); pass the {Who}'s own certificate{Gonka(" (gonka mTLS: mlnode.crt)")}";
        return false;
    }

    private string Who => _caArgument == "--ca-cert" ? "node" : "Admin API";

    // The gonka hint belongs to the MLNodes' certificate, not to an Admin API's.
    private string Gonka(string hint) => _caArgument == "--ca-cert" ? hint : string.Empty;

    private static X509Certificate2 LoadClient(string certPath, string keyPath, DateTimeOffset now)
    {
        string keyText;
        try
        {
            keyText = File.ReadAllText(keyPath);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new InputException($"--client-key '{keyPath}' cannot be read ({ex.Message}); check the path and that this user may read it");
        }

        if (keyText.Contains("ENCRYPTED", StringComparison.Ordinal))
        {
            throw new InputException(
                $"--client-key '{keyPath}' is encrypted (it has a passphrase), which the tool cannot type; write an unencrypted copy and keep it as private as the original: " +
                $"openssl pkey -in {keyPath} -out <dapi-plain.key>");
        }

        X509Certificate2 loaded;
        try
        {
            loaded = X509Certificate2.CreateFromPemFile(certPath, keyPath);
        }
        catch (Exception ex) when (ex is CryptographicException or IOException or UnauthorizedAccessException or ArgumentException)
        {
            throw new InputException($"--client-cert '{certPath}' with --client-key '{keyPath}' cannot be loaded ({ex.Message}); pass a PEM certificate and its own PEM private key");
        }

        CheckDates(loaded, "--client-cert", certPath, now);
        return loaded;
    }

    private static X509Certificate2 LoadCertificate(string path, string argument, DateTimeOffset now)
    {
        X509Certificate2 loaded;
        try
        {
            loaded = X509Certificate2.CreateFromPem(File.ReadAllText(path));
        }
        catch (Exception ex) when (ex is CryptographicException or IOException or UnauthorizedAccessException or ArgumentException)
        {
            throw new InputException($"{argument} '{path}' is not a readable PEM certificate ({ex.Message}); pass the certificate file (-----BEGIN CERTIFICATE-----)");
        }

        CheckDates(loaded, argument, path, now);
        return loaded;
    }

    private static void CheckDates(X509Certificate2 certificate, string argument, string path, DateTimeOffset now)
    {
        if (now > certificate.NotAfter.ToUniversalTime())
        {
            throw new InputException($"{argument} '{path}' expired on {certificate.NotAfter.ToUniversalTime():yyyy-MM-dd HH:mm} UTC; make new certificates (gonka: " +
                $"gen-mlnode-certs.sh) and install them on both sides");
        }

        if (now < certificate.NotBefore.ToUniversalTime())
        {
            throw new InputException($"{argument} '{path}' is not valid before {certificate.NotBefore.ToUniversalTime():yyyy-MM-dd HH:mm} UTC; check this machine's clock");
        }
    }

    private static string Names(X509Certificate2 certificate)
    {
        var san = certificate.Extensions.OfType<X509SubjectAlternativeNameExtension>().FirstOrDefault();
        var names = san is null ? [] : san.EnumerateDnsNames().Concat(san.EnumerateIPAddresses().Select(a => a.ToString())).ToList();
        return names.Count == 0 ? $"'{certificate.GetNameInfo(X509NameType.SimpleName, false)}'" : string.Join(", ", names);
    }

    private static string Status(X509Chain? chain) =>
        chain is null || chain.ChainStatus.Length == 0 ? "untrusted" : string.Join("; ", chain.ChainStatus.Select(s => s.StatusInformation.Trim()).Where(s => s.Length > 0).Distinct());

    /// <summary>Whether an exception is a TLS handshake that failed (this side refused, or the server did).</summary>
    public static bool IsHandshakeFailure(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is AuthenticationException || e is HttpRequestException { HttpRequestError: HttpRequestError.SecureConnectionError })
            {
                return true;
            }
        }

        return false;
    }
}
