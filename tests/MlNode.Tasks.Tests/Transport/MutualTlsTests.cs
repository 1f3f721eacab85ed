using System.Security.Cryptography.X509Certificates;
using MlNode.Simulator;
using MlNode.Tasks.Client;
using MlNode.Tasks.Common;
using MlNode.Tasks.Tests.Support;

namespace MlNode.Tasks.Tests.Transport;

/// <summary>
/// Nodes behind gonka's optional mutual TLS: a real nginx (Debian's nginx-light, installed by .ci/run) terminates TLS
/// in front of the simulator and pins the Network Node's client certificate. Skipped with a message where nginx or
/// openssl is missing.
/// </summary>
[Trait("Category", "Integration")]
public sealed class MutualTlsTests : IAsyncLifetime
{
    private RunHarness? _harness;
    private MtlsProxy? _proxy;

    private RunHarness Harness => _harness!;

    private MtlsProxy Proxy => _proxy!;

    private string Cert(string name) => Path.Combine(Proxy.Certs, name);

    public async ValueTask InitializeAsync()
    {
        Assert.SkipUnless(MtlsProxy.Available, "nginx and openssl are not installed (.ci/run installs Debian's nginx-light and openssl)");
        _harness = await RunHarness.StartAsync();
        _harness.WriteReference();
        _proxy = await MtlsProxy.StartAsync(_harness.Simulator.BaseUrl, _harness.Root.Combine("tls"));
    }

    [Fact]
    public async Task Run_ThroughNginxWithThePinnedPair_PassesAndNoKeyMaterialIsWritten()
    {
        // When: the node's https URL with the Network Node's certificate pair and the node's pinned certificate
        var run = await Harness.RunAsync([("mlnode-url", Proxy.BaseUrl), .. Proxy.ClientArguments]);

        // Then: every phase went through nginx to the node, and the verdict is a pass
        Assert.True(run.ExitCode == ExitCodes.Pass, run.Console);
        Assert.Equal("PASS", run.Verdict);
        Assert.Contains(Harness.Simulator.Journal.Requests, r => r.Path == "/api/v1/inference/pow/generate");
        var key = (await File.ReadAllTextAsync(Cert("dapi.key"))).Split('\n')[1];
        Assert.All(Directory.GetFiles(run.ExperimentDirectory), f => Assert.DoesNotContain(key, File.ReadAllText(f)));
        Assert.DoesNotContain(key, run.Console);
    }

    [Fact]
    public async Task Run_WithoutAClientCertificate_OneErrorNamingTheArgumentsThatFixIt()
    {
        var run = await Harness.RunAsync(("mlnode-url", Proxy.BaseUrl), ("ca-cert", Cert("mlnode.crt")));

        Assert.Equal(ExitCodes.Error, run.ExitCode);
        Assert.Contains("the node requires a client certificate: pass --client-cert and --client-key", run.Outcome.Error);
        Assert.DoesNotContain("<html>", run.Outcome.Error);
    }

    [Fact]
    public async Task Run_ClientCertificateTheNodeDoesNotPin_ErrorSaysTheNodeRefusedIt()
    {
        var run = await Harness.RunAsync(("mlnode-url", Proxy.BaseUrl), ("ca-cert", Cert("mlnode.crt")), ("client-cert", Cert("other-dapi.crt")), ("client-key", Cert("other-dapi.key")));

        Assert.Equal(ExitCodes.Error, run.ExitCode);
        Assert.Contains("the node refused the certificate in --client-cert", run.Outcome.Error);
    }

    [Fact]
    public async Task Run_CaCertIsNotTheNodesCertificate_ErrorWithBothFingerprintsAndNoFallback()
    {
        // When: --ca-cert is another node's certificate
        var run = await Harness.RunAsync(("mlnode-url", Proxy.BaseUrl), ("client-cert", Cert("dapi.crt")), ("client-key", Cert("dapi.key")), ("ca-cert", Cert("other-mlnode.crt")));

        // Then: refused on this side, both fingerprints named, and the node never saw a request
        Assert.Equal(ExitCodes.Error, run.ExitCode);
        Assert.Contains("is not the one in --ca-cert", run.Outcome.Error);
        Assert.Contains(TlsTrust.Fingerprint(X509Certificate2.CreateFromPem(File.ReadAllText(Cert("mlnode.crt")))), run.Outcome.Error);
        Assert.Contains(TlsTrust.Fingerprint(X509Certificate2.CreateFromPem(File.ReadAllText(Cert("other-mlnode.crt")))), run.Outcome.Error);
        Assert.DoesNotContain(Harness.Simulator.Journal.Requests, r => r.Path.StartsWith("/api/", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Run_SelfSignedNodeWithoutCaCert_ErrorSuggestsPassingItsCertificate()
    {
        var run = await Harness.RunAsync(("mlnode-url", Proxy.BaseUrl), ("client-cert", Cert("dapi.crt")), ("client-key", Cert("dapi.key")));

        Assert.Equal(ExitCodes.Error, run.ExitCode);
        Assert.Contains("is not trusted by this machine", run.Outcome.Error);
        Assert.Contains("pass it as --ca-cert", run.Outcome.Error);
    }

    [Fact]
    public async Task Run_PlainHttpToTheTlsPort_ErrorSaysUseHttps()
    {
        var run = await Harness.RunAsync([("mlnode-url", $"http://127.0.0.1:{Proxy.Port}"), .. Proxy.ClientArguments]);

        Assert.Equal(ExitCodes.Error, run.ExitCode);
        Assert.Contains("this port speaks TLS: use https:// in the URL", run.Outcome.Error);
    }

    [Fact]
    public async Task ReportCrossCheckAndFleet_ThroughBuildShOverMtls_EachExitsZero()
    {
        // Given: a second node behind a second nginx that pins the same pair (one Network Node, two MLNodes)
        await using var second = await MlNodeSimulator.StartAsync(RunHarness.FastSimulator);
        using var secondProxy = await MtlsProxy.StartAsync(second.BaseUrl, Harness.Root.Combine("tls"));
        var environment = new Dictionary<string, string?>(RunHarness.FastEnvironment.Select(e => new KeyValuePair<string, string?>(e.Key, e.Value)))
        {
            ["CAKE_MLNODE_REFERENCESPATH"] = Harness.ReferencesDirectory,
            // The certificates as a pipeline would configure them once: CAKE_MLNODE_* (cake.config's [MlNode] keys).
            ["CAKE_MLNODE_CLIENTCERT"] = Cert("dapi.crt"),
            ["CAKE_MLNODE_CLIENTKEY"] = Cert("dapi.key"),
            ["CAKE_MLNODE_CACERT"] = Cert("mlnode.crt"),
            ["GITHUB_ACTIONS"] = null,
            ["GITLAB_CI"] = null,
            ["TF_BUILD"] = null,
            ["TEAMCITY_VERSION"] = null,
        };

        // And: the two as a Network Node's node-config.json lists them (host and poc_port, no scheme)
        var nodes = Harness.Root.Combine("nodes.json");
        File.WriteAllText(nodes, "[" + string.Join(',', new[] { Proxy, secondProxy }.Select((p, i) =>
            "{\"id\":\"node" + (i + 1) + "\",\"host\":\"127.0.0.1\",\"poc_port\":" + p.Port + ",\"models\":{\"" + TestReferences.Model + "\":{\"args\":[]}}}")) + "]");

        // When: a Report, a CrossCheck of both nodes, and a Fleet of both with https node URLs
        var report = await CakeRunner.RunAsync(["--target=Report", $"--mlnode-url={Proxy.BaseUrl}", $"--model={TestReferences.Model}", $"--experiments-root={Harness.Root.Combine("exp")}"], environment);
        var cross = await CakeRunner.RunAsync(["--target=CrossCheck", $"--mlnode-urls={Proxy.BaseUrl},{secondProxy.BaseUrl}", $"--model={TestReferences.Model}", "--num-nonces=16", $"--experiments-root={Harness.Root.Combine("exp")}"], environment);
        var fleet = await CakeRunner.RunAsync(["--target=Fleet", $"--nodes={nodes}", "--mlnode-scheme=https", $"--experiments-root={Harness.Root.Combine("fleet")}"], environment);

        // Then
        Assert.True(report.ExitCode == ExitCodes.Pass, report.Output);
        // The configuration records where the certificates came from, as paths (never their contents)
        Assert.Contains(Directory.GetFiles(Harness.Root.Combine("exp"), "validate_config.json", SearchOption.AllDirectories), f => File.ReadAllText(f).Contains(Cert("dapi.key"), StringComparison.Ordinal));
        Assert.True(cross.ExitCode == ExitCodes.Pass, cross.Output);
        Assert.True(fleet.ExitCode == ExitCodes.Pass, fleet.Output);
        Assert.Contains($"https://127.0.0.1:{secondProxy.Port}", File.ReadAllText(Directory.GetFiles(Harness.Root.Combine("fleet"), "fleet_report.json", SearchOption.AllDirectories).Single()));
        Assert.Contains(second.Journal.Requests, r => r.Path == "/api/v1/inference/pow/generate");
    }

    public async ValueTask DisposeAsync()
    {
        _proxy?.Dispose();
        if (_harness is not null)
        {
            await _harness.DisposeAsync();
        }
    }
}
