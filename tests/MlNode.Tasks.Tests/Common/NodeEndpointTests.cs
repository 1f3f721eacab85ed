using MlNode.Tasks.Common;

namespace MlNode.Tasks.Tests.Common;

public sealed class NodeEndpointTests
{
    [Theory]
    [InlineData("http://10.0.0.5:8080/api/v1", "http://10.0.0.5:8080")]
    [InlineData("http://10.0.0.5:8080/API/v1/", "http://10.0.0.5:8080")]
    [InlineData("https://u:pw@node.example/poc/api/v1", "https://***@node.example/poc")]
    public void Parse_BaseUrlEndingInApiV1_OneErrorSayingToDropIt(string url, string fixedUrl)
    {
        var error = Assert.Throws<InputException>(() => NodeEndpoint.Parse(url, null, new SecretRedactor()));

        Assert.Contains("ends in /api/v1, which the tool adds to every call itself", error.Message);
        Assert.EndsWith($"pass the node's base URL: --mlnode-url={fixedUrl}", error.Message);
        Assert.DoesNotContain("pw@", error.Message);
    }

    [Theory]
    [InlineData("10.0.0.5:8080")]
    [InlineData("/api")]
    [InlineData("ftp://host/")]
    [InlineData("not a url")]
    public void Parse_NotAbsoluteHttp_IsRefusedWithAnExample(string url)
    {
        var error = Assert.Throws<InputException>(() => NodeEndpoint.Parse(url, null, new SecretRedactor()));

        Assert.Contains("absolute http(s) URL", error.Message);
        Assert.Contains("--mlnode-url=http://10.0.0.5:8080", error.Message);
    }

    [Theory]
    [InlineData("http://us:p@ss:w/rd@10.0.0.5:8080", "ss:w/rd")]
    [InlineData("http://us:pa/ss@10.0.0.5:8080", "pa/ss")]
    [InlineData("https://u:x/y/z@host:1/api", "x/y/z")]
    public void Parse_RawSlashOrAtInThePassword_NoPartOfItInTheErrorOrAnyRedactedLine(string url, string part)
    {
        // Given: a password with a raw '/' or '@' (it should have been percent-encoded)
        var redactor = new SecretRedactor();

        // When: parsed (an error or not), and the URL echoed in another line
        var message = Record.Exception(() => NodeEndpoint.Parse(url, null, redactor))?.Message ?? string.Empty;
        var echoed = redactor.Redact($"could not reach {url}: refused");

        // Then
        Assert.DoesNotContain(part, message, StringComparison.Ordinal);
        Assert.DoesNotContain(part, echoed, StringComparison.Ordinal);
        Assert.Contains("***@", echoed, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_PasswordInUrl_BecomesBasicAuthAndIsMaskedEverywhere()
    {
        var redactor = new SecretRedactor();

        var node = NodeEndpoint.Parse("http://ops:s3cr3t-pw@10.0.0.5:8080/", null, redactor);

        Assert.Equal("http://***@10.0.0.5:8080", node.Display);
        Assert.Equal("Basic", node.Authorization!.Scheme);
        Assert.Equal("http://10.0.0.5:8080/", node.BaseAddress.ToString());
        Assert.DoesNotContain("s3cr3t-pw", redactor.Redact("connecting to http://ops:s3cr3t-pw@10.0.0.5:8080 with s3cr3t-pw"));
    }

    [Fact]
    public void Parse_InvalidUrlWithPassword_DoesNotEchoThePassword()
    {
        var redactor = new SecretRedactor();

        var error = Assert.Throws<InputException>(() => NodeEndpoint.Parse("ftp://ops:hunter22@host", null, redactor));

        Assert.DoesNotContain("hunter22", error.Message);
    }

    [Fact]
    public void Parse_QueryString_IsRefusedWithoutEchoingIt()
    {
        var error = Assert.Throws<InputException>(() => NodeEndpoint.Parse("http://host:8080/?token=abcdef123", null, new SecretRedactor()));

        Assert.Contains("without a query string", error.Message);
        Assert.DoesNotContain("abcdef123", error.Message);
    }

    [Fact]
    public void Parse_CredentialsInUrlAndEnvironment_IsRefused()
    {
        var error = Assert.Throws<InputException>(() => NodeEndpoint.Parse("http://u:p4ss@host", "Bearer tok", new SecretRedactor()));

        Assert.Contains("given twice", error.Message);
    }

    [Fact]
    public void Parse_AuthorizationVariable_IsSentAndRegisteredAsSecret()
    {
        var redactor = new SecretRedactor();

        var node = NodeEndpoint.Parse("https://node.example:8443/mlnode", "Bearer abc.def.ghi", redactor);

        Assert.Equal("Bearer", node.Authorization!.Scheme);
        Assert.Equal("abc.def.ghi", node.Authorization.Parameter);
        Assert.Equal("https://node.example:8443/mlnode", node.Display);
        Assert.Equal("https://node.example:8443/mlnode/api/v1/models/status", node.Resolve("api/v1/models/status").ToString());
        Assert.Equal("header: ***", redactor.Redact("header: Bearer abc.def.ghi"));
    }
}
