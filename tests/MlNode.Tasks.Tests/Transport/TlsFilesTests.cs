using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using MlNode.Tasks.Client;
using MlNode.Tasks.Common;
using MlNode.Tasks.Configuration;
using MlNode.Tasks.Tests.Support;

namespace MlNode.Tasks.Tests.Transport;

/// <summary>The TLS arguments resolved and their files loaded: every bad file is one ERROR naming it, never a stack trace.</summary>
public sealed class TlsFilesTests : IDisposable
{
    private readonly TempDirectory _root = new();

    [Fact]
    public void MlNode_ClientCertWithoutKey_IsOneErrorAskingForBoth()
    {
        var (cert, _) = WritePair("dapi", DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(10));

        var error = Assert.Throws<InputException>(() => Resolve(("client-cert", cert)));

        Assert.StartsWith("--client-cert was given without --client-key; give both", error.Message);
    }

    [Fact]
    public void MlNode_FileThatDoesNotExist_NamesTheArgumentAndWhereItLooked()
    {
        var error = Assert.Throws<InputException>(() => Resolve(("ca-cert", "certs/mlnode.crt")));

        Assert.Contains("--ca-cert='certs/mlnode.crt' does not exist", error.Message);
        Assert.Contains(_root.Combine("certs", "mlnode.crt"), error.Message);
    }

    [Theory]
    [InlineData("client-cert", "/dev/zero", "is a device, not a regular file")]
    [InlineData("ca-cert", "/dev/zero", "is a device, not a regular file")]
    [InlineData("ca-cert", "/tmp", "is a directory, not a file")]
    public void MlNode_DeviceOrFolderAsAPemFile_IsOneErrorBeforeAnythingReadsIt(string argument, string path, string expected)
    {
        Assert.SkipUnless(Directory.Exists(path) || File.Exists(path), $"{path} does not exist here");
        var (cert, key) = WritePair("dapi", DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(10));
        var arguments = argument == "client-cert" ? new[] { (argument, path), ("client-key", key) } : [(argument, path), ("client-cert", cert), ("client-key", key)];

        var error = Assert.Throws<InputException>(() => Resolve(arguments));

        Assert.Contains($"--{argument}='{path}' {expected}", error.Message);
    }

    [Fact]
    public void MlNode_PemFileOfGigabytesWorth_IsRefusedBySize()
    {
        var (cert, key) = WritePair("dapi", DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(10));
        var huge = _root.Combine("huge.crt");
        using (var file = File.Create(huge))
        {
            file.SetLength(2 * 1024 * 1024);
        }

        var error = Assert.Throws<InputException>(() => Resolve(("ca-cert", huge), ("client-cert", cert), ("client-key", key)));

        Assert.Contains("more than a PEM certificate or key ever does", error.Message);
    }

    [Fact]
    public void Load_EncryptedKey_IsRefusedSayingHowToWriteAnUnencryptedCopy()
    {
        // Given: a key with a passphrase (what openssl writes with -aes256)
        var (cert, _) = WritePair("dapi", DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(10));
        var key = _root.Combine("encrypted.key");
        using (var ec = ECDsa.Create(ECCurve.NamedCurves.nistP256))
        {
            File.WriteAllText(key, ec.ExportEncryptedPkcs8PrivateKeyPem("s3cret", new PbeParameters(PbeEncryptionAlgorithm.Aes256Cbc, HashAlgorithmName.SHA256, 100_000)));
        }

        // When
        var error = Assert.Throws<InputException>(() => new TlsTrust(new TlsFiles(cert, key, null), TimeProvider.System));

        // Then
        Assert.Contains($"--client-key '{key}' is encrypted (it has a passphrase)", error.Message);
        Assert.Contains("openssl pkey -in", error.Message);
    }

    [Fact]
    public void Load_ExpiredClientCertificate_SaysWhenItExpired()
    {
        var (cert, key) = WritePair("old", new DateTimeOffset(2020, 1, 1, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2021, 6, 30, 12, 0, 0, TimeSpan.Zero));

        var error = Assert.Throws<InputException>(() => new TlsTrust(new TlsFiles(cert, key, null), TimeProvider.System));

        Assert.Contains($"--client-cert '{cert}' expired on 2021-06-30 12:00 UTC", error.Message);
    }

    [Fact]
    public void Load_KeyOfAnotherCertificate_IsOneErrorNamingBothFiles()
    {
        var (cert, _) = WritePair("dapi", DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(10));
        var (_, otherKey) = WritePair("other", DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(10));

        var error = Assert.Throws<InputException>(() => new TlsTrust(new TlsFiles(cert, otherKey, null), TimeProvider.System));

        Assert.Contains($"--client-cert '{cert}' with --client-key '{otherKey}' cannot be loaded", error.Message);
    }

    [Fact]
    public void Load_CaCertThatIsNotACertificate_SaysWhatItShouldBe()
    {
        var garbage = _root.Combine("mlnode.crt");
        File.WriteAllText(garbage, "not a certificate");

        var error = Assert.Throws<InputException>(() => new TlsTrust(new TlsFiles(null, null, garbage), TimeProvider.System));

        Assert.Contains($"--ca-cert '{garbage}' is not a readable PEM certificate", error.Message);
    }

    public void Dispose() => _root.Dispose();

    private TlsFiles Resolve(params (string Name, string Value)[] arguments)
    {
        var sources = SettingsSources.From(arguments.Select(a => new KeyValuePair<string, string>(a.Name, a.Value)), _root.Path);
        return TlsResolver.MlNode(sources, new SettingReader(sources));
    }

    // A self-signed pair as gen-mlnode-certs.sh makes it (EC P-256, SANs), valid between the two dates.
    private (string Cert, string Key) WritePair(string name, DateTimeOffset from, DateTimeOffset until)
    {
        using var ec = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=gonka-" + name, ec, HashAlgorithmName.SHA256);
        var san = new SubjectAlternativeNameBuilder();
        san.AddDnsName("localhost");
        request.CertificateExtensions.Add(san.Build());
        using var certificate = request.CreateSelfSigned(from, until);
        var (cert, key) = (_root.Combine(name + ".crt"), _root.Combine(name + ".key"));
        File.WriteAllText(cert, certificate.ExportCertificatePem());
        File.WriteAllText(key, ec.ExportPkcs8PrivateKeyPem());
        return (cert, key);
    }
}
