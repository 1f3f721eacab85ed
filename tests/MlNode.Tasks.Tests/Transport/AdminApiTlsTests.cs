using MlNode.Tasks.Common;
using MlNode.Tasks.Tests.Support;

namespace MlNode.Tasks.Tests.Transport;

/// <summary>A Network Node's Admin API behind TLS (a real nginx with a self-signed certificate): trusted through --admin-ca-cert only.</summary>
[Trait("Category", "Integration")]
public sealed class AdminApiTlsTests
{
    [Fact]
    public async Task Fleet_HttpsAdminApiWithItsCertificate_ReadsTheFleetAndEveryPairPasses()
    {
        Assert.SkipUnless(MtlsProxy.Available, "nginx and openssl are not installed (.ci/run installs Debian's nginx-light and openssl)");

        // Given: the Admin API behind TLS with a self-signed certificate (no client certificate asked)
        await using var fleet = await FleetHarness.StartAsync("--fleet=2");
        using var proxy = await MtlsProxy.StartAsync(fleet.Fleet.AdminUrl, fleet.Root.Combine("tls"), verifyClient: false);
        var certificate = Path.Combine(proxy.Certs, "mlnode.crt");

        // When: with the certificate, and without it
        var (run, _) = await fleet.RunAsync(("admin-api", proxy.BaseUrl), ("admin-ca-cert", certificate));
        var refused = await Assert.ThrowsAsync<InputException>(() => fleet.RunAsync(("admin-api", proxy.BaseUrl)));

        // Then: trusted through --admin-ca-cert only, and the refusal names that argument (not the MLNodes' --ca-cert)
        Assert.Equal(ExitCodes.Pass, run.Result.ExitCode);
        Assert.Equal(2, run.Result.Rows.Count);
        Assert.Contains("the Admin API's TLS certificate is not trusted by this machine", refused.Message);
        Assert.Contains("pass it as --admin-ca-cert", refused.Message);
    }
}
