using System.Net;
using System.Net.Sockets;

namespace MlNode.Tasks.Tests.Support;

/// <summary>Loopback ports for programs that must be told their port (prometheus, the pushgateway).</summary>
internal static class LoopbackPorts
{
    // Below Linux's ephemeral range (32768-60999): every port-0 listener and outgoing connection of the tests running
    // beside this one gets its port from that range, so a port picked here cannot be taken by them before it is used.
    private const int First = 20000;
    private const int Last = 32000;

    /// <summary>A port nothing listens on right now, outside the range the OS hands out on its own.</summary>
    public static int Free()
    {
        for (var attempt = 0; attempt < 100; attempt++)
        {
            var port = Random.Shared.Next(First, Last);
            try
            {
                using var listener = new TcpListener(IPAddress.Loopback, port);
                listener.Start();
                return port;
            }
            catch (SocketException)
            {
                // Taken: try another.
            }
        }

        throw new InvalidOperationException($"no free loopback port between {First} and {Last}");
    }
}
