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

        var path = sources.FullPath(given);
        return System.IO.File.Exists(path)
            ? path
            : throw new InputException($"--{definition.Name}='{given.Value}' does not exist (resolved to '{path}'); pass the PEM file's path, e.g. --{definition.Name}={definition.Example}");
    }
}
