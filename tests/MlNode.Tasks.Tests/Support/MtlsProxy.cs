using System.Diagnostics;
using System.Net.Sockets;

namespace MlNode.Tasks.Tests.Support;

/// <summary>
/// A real nginx in front of an MLNode, as gonka's mTLS compose runs it (nginx.mtls.conf): TLS on a loopback port with
/// the node's self-signed certificate, the Network Node's client certificate pinned (ssl_verify_client on), every
/// path proxied to the node. The certificates are made as gen-mlnode-certs.sh makes them: self-signed EC P-256 pairs
/// that are their own CA, with SANs; a second pair of each is made for the wrong-certificate cases. Owns nginx.
/// </summary>
internal sealed class MtlsProxy : IDisposable
{
    private readonly Process _nginx;

    private MtlsProxy(Process nginx, string certs, int port)
    {
        _nginx = nginx;
        Certs = certs;
        Port = port;
    }

    /// <summary>Gets the folder with dapi.crt/.key (pinned client), mlnode.crt (the server's), other-dapi.* and other-mlnode.crt.</summary>
    public string Certs { get; }

    /// <summary>Gets nginx's TLS port.</summary>
    public int Port { get; }

    /// <summary>Gets the https base URL.</summary>
    public string BaseUrl => $"https://127.0.0.1:{Port}";

    /// <summary>Gets the TLS arguments a client that holds the right pair passes.</summary>
    public (string Name, string Value)[] ClientArguments =>
        [("client-cert", Path.Combine(Certs, "dapi.crt")), ("client-key", Path.Combine(Certs, "dapi.key")), ("ca-cert", Path.Combine(Certs, "mlnode.crt"))];

    /// <summary>Gets the nginx binary, or null where it is not installed (.ci/run installs nginx-light).</summary>
    public static string? Nginx => new[] { "/usr/sbin/nginx", "/usr/bin/nginx" }.FirstOrDefault(File.Exists);

    /// <summary>Gets whether nginx and openssl are both here.</summary>
    public static bool Available => Nginx is not null && Which("openssl") is not null;

    /// <summary>Makes the certificates and starts nginx in front of <paramref name="upstream"/>.</summary>
    /// <param name="upstream">The base URL every request is proxied to.</param>
    /// <param name="folder">Where the certificates and nginx's files go (certificates already there are reused).</param>
    /// <param name="verifyClient">Whether nginx requires the pinned client certificate (an Admin API behind plain TLS: false).</param>
    public static async Task<MtlsProxy> StartAsync(string upstream, string folder, bool verifyClient = true)
    {
        // A folder that already holds the certificates is reused: several nodes of one Network Node pin one pair.
        var certs = Path.Combine(folder, "mtls-certs");
        Directory.CreateDirectory(certs);
        foreach (var name in new[] { "dapi", "mlnode", "other-dapi", "other-mlnode" }.Where(n => !File.Exists(Path.Combine(certs, n + ".crt"))))
        {
            await Run("openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-days", "36500",
                "-keyout", Path.Combine(certs, name + ".key"), "-out", Path.Combine(certs, name + ".crt"), "-subj", "/CN=gonka-" + name,
                "-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1", "-addext", "basicConstraints=critical,CA:TRUE",
                "-addext", "keyUsage=critical,digitalSignature,keyCertSign", "-addext", "extendedKeyUsage=serverAuth,clientAuth");
        }

        var prefix = Path.Combine(folder, "nginx-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(Path.Combine(prefix, "logs"));
        var port = LoopbackPorts.Free();
        var config = Path.Combine(prefix, "nginx.conf");
        await File.WriteAllTextAsync(config, $$"""
            {{(Environment.UserName == "root" ? "user root;" : string.Empty)}}
            worker_processes 1;
            pid {{prefix}}/nginx.pid;
            error_log {{prefix}}/logs/error.log;
            events {}
            http {
                access_log off;
                client_body_temp_path {{prefix}}/body;
                proxy_temp_path {{prefix}}/proxy;
                fastcgi_temp_path {{prefix}}/fastcgi;
                uwsgi_temp_path {{prefix}}/uwsgi;
                scgi_temp_path {{prefix}}/scgi;
                server {
                    listen 127.0.0.1:{{port}} ssl;
                    ssl_certificate         {{certs}}/mlnode.crt;
                    ssl_certificate_key     {{certs}}/mlnode.key;
                    ssl_client_certificate  {{certs}}/dapi.crt;
                    ssl_verify_client       {{(verifyClient ? "on" : "off")}};
                    ssl_protocols           TLSv1.2 TLSv1.3;
                    client_max_body_size    0;
                    location / {
                        proxy_pass {{upstream.TrimEnd('/')}}/;
                        proxy_set_header Host $host;
                    }
                }
            }
            """);
        var nginx = Process.Start(new ProcessStartInfo(Nginx!, ["-p", prefix, "-c", config, "-g", "daemon off;"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        var proxy = new MtlsProxy(nginx, certs, port);
        for (var attempt = 0; attempt < 100; attempt++)
        {
            if (nginx.HasExited)
            {
                throw new InvalidOperationException($"nginx exited {nginx.ExitCode}: {await nginx.StandardError.ReadToEndAsync()}");
            }

            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync("127.0.0.1", port);
                return proxy;
            }
            catch (SocketException)
            {
                await Task.Delay(50);
            }
        }

        proxy.Dispose();
        throw new TimeoutException($"nginx did not listen on 127.0.0.1:{port}");
    }

    public void Dispose()
    {
        try
        {
            _nginx.Kill(entireProcessTree: true);
            _nginx.WaitForExit(5000);
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }

        _nginx.Dispose();
    }

    private static string? Which(string program) =>
        (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(':').Select(d => Path.Combine(d, program)).FirstOrDefault(File.Exists);

    private static async Task Run(string program, params string[] arguments)
    {
        using var process = Process.Start(new ProcessStartInfo(program, arguments) { RedirectStandardError = true, RedirectStandardOutput = true })!;
        var error = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{program} {string.Join(' ', arguments)} failed: {error}");
        }
    }
}
