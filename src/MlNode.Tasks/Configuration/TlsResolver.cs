using MlNode.Tasks.Common;

namespace MlNode.Tasks.Configuration;

/// <summary>Resolves the TLS arguments once: paths made absolute, each file checked to exist, the pair complete.</summary>
internal static class TlsResolver
{
    /// <summary>The MLNodes' TLS files (--client-cert, --client-key, --ca-cert).</summary>
    public static TlsFiles MlNode(SettingsSources sources, SettingReader reader)
    {
        ArgumentNullException.ThrowIfNull(sources);
        ArgumentNullException.ThrowIfNull(reader);
        var cert = File(sources, reader, MlNodeArguments.ClientCert);
        var key = File(sources, reader, MlNodeArguments.ClientKey);
        if ((cert is null) != (key is null))
        {
            throw new InputException(cert is null
                ? "--client-key was given without --client-cert; give both (gonka mTLS: --client-cert=dapi.crt --client-key=dapi.key)"
                : "--client-cert was given without --client-key; give both (gonka mTLS: --client-cert=dapi.crt --client-key=dapi.key)");
        }

        return new TlsFiles(cert, key, File(sources, reader, MlNodeArguments.CaCert));
    }

    /// <summary>The Admin API's TLS files (--admin-ca-cert).</summary>
    public static TlsFiles AdminApi(SettingsSources sources, SettingReader reader)
    {
        ArgumentNullException.ThrowIfNull(sources);
        ArgumentNullException.ThrowIfNull(reader);
        return new TlsFiles(null, null, File(sources, reader, MlNodeArguments.AdminCaCert));
    }

    private static string? File(SettingsSources sources, SettingReader reader, ArgumentDefinition definition)
    {
        if (reader.Text(definition) is not { } given)
        {
            return null;
        }

        // Checked before anything opens it: a FIFO blocks a reader forever, a device like /dev/zero never ends.
        var path = sources.FullPath(given);
        var fix = $"pass the PEM file's path, e.g. --{definition.Name}={definition.Example}";
        if (FileKind.Problem(path) is { } problem)
        {
            throw new InputException($"--{definition.Name}='{given.Value}' {problem} (resolved to '{path}'); {fix}");
        }

        var size = new FileInfo(path).Length;
        return size <= MaxPemBytes
            ? path
            : throw new InputException($"--{definition.Name}='{given.Value}' holds {size} bytes, more than a PEM certificate or key ever does ({MaxPemBytes} at most); {fix}");
    }

    // A certificate chain or a key is a few kilobytes: a bound well above any real one.
    private const long MaxPemBytes = 1024 * 1024;
}
