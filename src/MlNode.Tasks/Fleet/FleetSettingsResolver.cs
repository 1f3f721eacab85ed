using MlNode.Tasks.Common;
using MlNode.Tasks.Configuration;

namespace MlNode.Tasks.Fleet;

/// <summary>
/// Resolves a fleet run's own settings, and builds each pair's inputs so that its <see cref="RunSettings"/> come
/// from <see cref="RunSettingsResolver"/> exactly as a single-node run's do: same timings, references path,
/// experiments root, gates and auth.
/// </summary>
internal static class FleetSettingsResolver
{
    // Per pair, these come from the fleet; given once for the whole fleet they would be wrong for every other pair.
    private static readonly ArgumentDefinition[] PerPair =
    [
        MlNodeArguments.MlNodeUrl, MlNodeArguments.Model, MlNodeArguments.Reference, MlNodeArguments.AllReferences,
        MlNodeArguments.ExpDir, MlNodeArguments.FleetNode, MlNodeArguments.NodeArg, MlNodeArguments.NodeArgs, MlNodeArguments.NodeArgsFrom,
        MlNodeArguments.NodeConfig, MlNodeArguments.NodeConfigId,
    ];

    /// <summary>Resolves the fleet's settings.</summary>
    /// <exception cref="InputException">Neither or both sources, a per-pair argument, or a value out of range.</exception>
    public static FleetSettings Resolve(SettingsSources sources, SecretRedactor redactor)
    {
        ArgumentNullException.ThrowIfNull(sources);
        ArgumentNullException.ThrowIfNull(redactor);
        var reader = new SettingReader(sources);
        foreach (var argument in PerPair)
        {
            if (argument.Names.Any(sources.Arguments.ContainsKey))
            {
                throw new InputException($"--{argument.Name} is chosen per (node, model) pair by the fleet itself; drop it (filter with --node-ids / --models), " +
                    $"or validate one node with --target=Report");
            }
        }

        var nodes = reader.Text(MlNodeArguments.Nodes);
        var admin = reader.Text(MlNodeArguments.AdminApi);
        if ((nodes is null) == (admin is null))
        {
            throw new InputException(
                nodes is null
                    ? "a fleet needs its nodes: pass --nodes=<node-config.json> or --admin-api=<Network Node Admin API URL, e.g. http://10.0.0.2:9200>"
                    : "pass either --nodes or --admin-api, not both: the Admin API already lists the nodes (with their state)");
        }

        return Shared(sources, redactor) with
        {
            NodesFile = nodes is null ? null : sources.FullPath(nodes),
            AdminApis = admin is null ? [] : AdminApis(admin.Value, sources, reader, redactor),
            NodeIds = ListOf(reader, MlNodeArguments.NodeIds),
            Models = ListOf(reader, MlNodeArguments.Models),
            Pairs = ListOf(reader, MlNodeArguments.Pairs),
        };
    }

    /// <summary>
    /// What every multi-node target shares whatever lists its nodes: parallelism, safety, timings, phases and the
    /// experiments root, read by the same code (CrossCheck over --mlnode-urls takes these and lists its nodes itself).
    /// </summary>
    public static FleetSettings Shared(SettingsSources sources, SecretRedactor redactor)
    {
        ArgumentNullException.ThrowIfNull(sources);
        var reader = new SettingReader(sources);
        return new FleetSettings
        {
            MaxParallel = reader.IntegerWithDefault(MlNodeArguments.MaxParallel),
            MlNodeScheme = reader.Choice(MlNodeArguments.MlNodeScheme).Value,
            MlNodeTls = TlsResolver.MlNode(sources, reader),
            IgnoreSafety = reader.Flag(MlNodeArguments.IgnoreSafety),
            RefusedOk = reader.Flag(MlNodeArguments.RefusedOk),
            PocMargin = reader.Time(MlNodeArguments.PocMargin),
            Timing = RunSettingsResolver.ResolveTiming(reader),
            Sampling = new SamplingSettings(
                reader.Time(MlNodeArguments.WarmupSeconds),
                reader.Time(MlNodeArguments.MeasureSeconds),
                reader.Time(MlNodeArguments.SampleInterval)),
            Phases = RunSettingsResolver.DecidePhases(sources, TaskPlan.AllPhases),
            ExperimentsRoot = sources.FullPath(reader.Text(MlNodeArguments.ExperimentsRoot)!),
        };
    }

    /// <summary>The inputs of one pair: the invocation's, with the pair's node, model, folder and node args (which replace the reference's).</summary>
    public static SettingsSources PairSources(SettingsSources sources, FleetPair pair, string experimentDirectory)
    {
        ArgumentNullException.ThrowIfNull(sources);
        ArgumentNullException.ThrowIfNull(pair);
        var arguments = new Dictionary<string, IReadOnlyList<string>>(StringComparer.OrdinalIgnoreCase)
        {
            [MlNodeArguments.MlNodeUrl.Name] = [pair.Node.BaseUrl],
            [MlNodeArguments.Model.Name] = [pair.Model],
            [MlNodeArguments.ExpDir.Name] = [experimentDirectory],
            [MlNodeArguments.FleetNode.Name] = [pair.Node.Id],
            [MlNodeArguments.NodeArg.Name] = pair.NodeArgs,
            [MlNodeArguments.NodeArgsFrom.Name] = [pair.ArgsFrom],
        };
        return sources.WithArguments(arguments);
    }

    // The Admin APIs have credentials of their own: the MLNodes' token never goes to them (nor theirs to the MLNodes),
    // and with several Network Nodes each token goes only to its own (MLNODE_ADMIN_AUTHORIZATION_<n>, 1-based, or the URL's userinfo).
    private static List<NodeEndpoint> AdminApis(string text, SettingsSources sources, SettingReader reader, SecretRedactor redactor)
    {
        var urls = text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        if (urls.Length == 0)
        {
            throw new InputException($"--admin-api='{text}' names no Admin API; give its URL, e.g. --admin-api={MlNodeArguments.AdminApi.Example}");
        }

        var shared = sources.Environment.TryGetValue(NodeEndpoint.AdminAuthorizationVariable, out var header) ? header : null;
        if (urls.Length > 1 && shared is not null)
        {
            throw new InputException($"{NodeEndpoint.AdminAuthorizationVariable} is one Network Node's token and {urls.Length} Admin APIs are given; " +
                $"set {NodeEndpoint.AdminAuthorizationVariable}_1 ... _{urls.Length} (or user:password@ in each URL), so each token goes only to its own Network Node");
        }

        var tls = TlsResolver.AdminApi(sources, reader);
        var endpoints = urls.Select((url, i) =>
        {
            var variable = urls.Length == 1 ? NodeEndpoint.AdminAuthorizationVariable : $"{NodeEndpoint.AdminAuthorizationVariable}_{i + 1}";
            var authorization = urls.Length == 1 ? shared : sources.Environment.GetValueOrDefault(variable);
            return NodeEndpoint.Parse(Fleet.AdminApi.Normalize(url), authorization, redactor, "--admin-api", variable).WithTls(tls);
        }).ToList();
        var twice = endpoints.GroupBy(e => e.Identity, StringComparer.OrdinalIgnoreCase).FirstOrDefault(g => g.Count() > 1);
        return twice is null ? endpoints : throw new InputException($"--admin-api names {twice.First().Display} {twice.Count()} times; give each Network Node once");
    }

    private static IReadOnlyList<string>? ListOf(SettingReader reader, ArgumentDefinition definition)
    {
        var text = reader.Text(definition);
        if (text is null)
        {
            return null;
        }

        var items = text.Value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Distinct(StringComparer.Ordinal).ToList();
        return items.Count > 0 ? items : throw new InputException($"--{definition.Name}='{text.Value}' names nothing; give a comma-separated list, e.g. --{definition.Name}={definition.Example}");
    }
}
