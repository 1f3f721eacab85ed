using MlNode.Tasks.Common;
using MlNode.Tasks.Configuration;
using MlNode.Tasks.Tests.Support;

namespace MlNode.Tasks.Tests.Transport;

/// <summary>A named pipe as a TLS file: refused without being opened (mkfifo runs as a process, hence Integration).</summary>
[Trait("Category", "Integration")]
public sealed class TlsFifoTests : IDisposable
{
    private readonly TempDirectory _root = new();

    [Fact]
    public void MlNode_Fifo_IsRefusedWithoutOpeningIt()
    {
        // Given: a named pipe with no writer, which would block any reader forever
        Assert.SkipUnless(OperatingSystem.IsLinux(), "named pipes are made with mkfifo on Linux");
        var fifo = _root.Combine("pipe.key");
        using (var mkfifo = System.Diagnostics.Process.Start("mkfifo", fifo))
        {
            mkfifo.WaitForExit();
        }

        var cert = _root.Combine("dapi.crt");
        File.WriteAllText(cert, "not read: the key is refused first");

        var sources = SettingsSources.From([new("client-cert", cert), new("client-key", fifo)], _root.Path);

        // When / Then: refused at once (a read would never return)
        var error = Assert.Throws<InputException>(() => TlsResolver.MlNode(sources, new SettingReader(sources)));
        Assert.Contains("is a FIFO (named pipe), not a regular file", error.Message);
    }

    public void Dispose() => _root.Dispose();
}
