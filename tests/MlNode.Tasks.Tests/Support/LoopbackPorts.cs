using System.Net;
using System.Net.Sockets;

namespace MlNode.Tasks.Tests.Support;

/// <summary>Ports for servers a test starts itself (Prometheus, a standalone simulator): free on loopback when asked.</summary>
internal static class LoopbackPorts
{
    /// <summary>A port nothing listens on right now (the OS's choice of an ephemeral one).</summary>
    public static int Free()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
