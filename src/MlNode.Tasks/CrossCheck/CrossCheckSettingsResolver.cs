using MlNode.Tasks.Common;
using MlNode.Tasks.Configuration;
using MlNode.Tasks.Fleet;

namespace MlNode.Tasks.CrossCheck;

/// <summary>Resolves a cross-check's settings: the nodes from the fleet arguments (or --mlnode-urls), the rest read as every target reads them.</summary>
internal static class CrossCheckSettingsResolver
{
    /// <summary>The source kind of --mlnode-urls.</summary>
    public const string AdHocKind = "mlnode-urls";

    /// <summary>Resolves the settings.</summary>
    /// <exception cref="InputException">The nodes are not given exactly one way, or a value is out of range.</exception>
    public static CrossCheckSettings Resolve(SettingsSources sources, SecretRedactor redactor)
    {
        ArgumentNullException.ThrowIfNull(sources);
        ArgumentNullException.ThrowIfNull(redactor);
        var reader = new SettingReader(sources);
        var urls = reader.Text(MlNodeArguments.MlNodeUrls);
        // --num-nonces has one name and two derived defaults (the table says which): CrossCheck's is its own.
        var nonces = reader.IntegerWithDefault(MlNodeArguments.NumNonces) is { Source: not ValueSource.Default } given
            ? given
            : new Resolved<int>(MlNodeArguments.CrossCheckNonces, ValueSource.Default);
        if (sources.Arguments.ContainsKey(MlNodeArguments.MlNodeUrl.Name))
        {
            throw new InputException("CrossCheck takes its nodes from --mlnode-urls (two or more, comma-separated), --nodes or --admin-api, not --mlnode-url");
        }

        var common = new CrossCheckSettings
        {
            Fleet = FleetSettingsResolver.Shared(sources, redactor),
            NumNonces = nonces,
            AllNodes = reader.Choice(MlNodeArguments.Cross).Value == "all",
            BatchSize = reader.Integer(MlNodeArguments.BatchSize),
        };
        if (urls is null)
        {
            if (reader.Text(MlNodeArguments.Nodes) is null && reader.Text(MlNodeArguments.AdminApi) is null)
            {
                throw new InputException(
                    "a cross-check needs its nodes: pass --admin-api=<Network Node Admin API URL, e.g. http://10.0.0.2:9200>, --nodes=<node-config.json>, " +
                    "or --mlnode-urls=<two or more MLNode URLs, comma-separated> with --model=<org/name>");
            }

            return common with { Fleet = FleetSettingsResolver.Resolve(sources, redactor) };
        }

        if (reader.Text(MlNodeArguments.Nodes) is not null || reader.Text(MlNodeArguments.AdminApi) is not null)
        {
            throw new InputException("pass --mlnode-urls or --nodes / --admin-api, not both: each lists the nodes to cross-check");
        }

        var model = reader.Text(MlNodeArguments.Model)
            ?? throw new InputException("--mlnode-urls needs --model=<org/name>: the full model id every listed node serves (never defaulted)");
        _ = ModelId.Parse(model.Value);
        var list = urls.Value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();
        foreach (var url in list)
        {
            if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
            {
                throw new InputException($"--mlnode-urls: '{redactor.Redact(OutsideText.OneLine(url))}' is not an http(s) URL; " +
                    $"list the nodes as --mlnode-urls=http://10.0.0.5:8080,http://10.0.0.6:8080");
            }
        }

        var distinct = list.Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        if (distinct.Count < 2)
        {
            throw new InputException("--mlnode-urls lists fewer than two nodes: a cross-check needs at least two (to check one node against its golden, use --target=Report)");
        }

        return common with { MlNodeUrls = distinct, MlNodeUrlsDisplay = string.Join(",", distinct.Select(redactor.Redact)), Model = model.Value };
    }
}
