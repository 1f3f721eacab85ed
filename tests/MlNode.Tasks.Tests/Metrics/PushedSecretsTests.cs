using MlNode.Tasks.Common;
using MlNode.Tasks.Documents;
using MlNode.Tasks.Metrics;

namespace MlNode.Tasks.Tests.Metrics;

/// <summary>What is pushed to a Pushgateway goes through the invocation's secrets registry, as every file does.</summary>
public sealed class PushedSecretsTests
{
    [Theory]
    [InlineData("Bearer SUPERSECRETTOKEN")]
    [InlineData("Basic dXNlcjpwYXNzd29yZA==")]
    public void Body_NodeReflectingTheCredentialIntoItsVersion_PushesTheMaskNeverTheSecret(string credential)
    {
        // Given: the credential registered as a secret (as MLNODE_AUTHORIZATION is), and a node that reports it as its version
        var redactor = new SecretRedactor();
        redactor.Add(credential);
        var report = new ValidateReport
        {
            MlnodeUrl = "http://127.0.0.1:1",
            Model = "Org/M",
            Verdict = "PASS",
            ExitCode = 0,
            Node = new NodeIdentityInfo { MlnodeVersion = credential, VllmVersion = "0.11.0", PocPluginVersion = credential + " extra" },
        };
        var pusher = new PushgatewayPusher(NodeEndpoint.Parse("http://127.0.0.1:9091", null, new SecretRedactor()), redactor, TimeSpan.FromSeconds(1));

        // When
        var body = pusher.Body(report);

        // Then
        Assert.DoesNotContain(credential, body, StringComparison.Ordinal);
        Assert.Contains($"mlnode_version=\"{SecretRedactor.Mask}\"", body, StringComparison.Ordinal);
    }
}
