using MlNode.Tasks.Common;
using MlNode.Tasks.Configuration;
using MlNode.Tasks.PoC;
using MlNode.Tasks.References;

namespace MlNode.Tasks.Baking;

/// <summary>Resolves <see cref="BakeSettings"/>; refuses an existing output file (without --force) before any work.</summary>
internal static class BakeSettingsResolver
{
    /// <summary>Resolves the settings.</summary>
    /// <exception cref="InputException">An input is missing or invalid, or the output exists.</exception>
    public static BakeSettings Resolve(SettingsSources sources, TaskPlan plan, DateTimeOffset now, SecretRedactor? redactor = null)
    {
        ArgumentNullException.ThrowIfNull(sources);
        ArgumentNullException.ThrowIfNull(plan);
        var reader = new SettingReader(sources);
        redactor ??= new SecretRedactor();
        var (node, model) = RunSettingsResolver.ResolveTarget(sources, reader, redactor);

        var decode = PocSchemes.Parse(reader.Choice(MlNodeArguments.Scheme).Value) == PocScheme.Decode;
        if (!decode && reader.Text(MlNodeArguments.MaxTokens) is { Source: not ValueSource.Default })
        {
            throw new InputException("--max-tokens is the length of decode trajectories; pass --scheme=decode with it, or drop it to bake prefill vectors");
        }

        var poc = new PocParameters(
            reader.IntegerWithDefault(MlNodeArguments.SeqLen).Value,
            reader.IntegerWithDefault(MlNodeArguments.KDim).Value,
            reader.Required(MlNodeArguments.BlockHash).Value,
            reader.IntegerWithDefault(MlNodeArguments.BlockHeight).Value,
            reader.Required(MlNodeArguments.PublicKey).Value,
            reader.IntegerWithDefault(MlNodeArguments.NodeId).Value,
            reader.IntegerWithDefault(MlNodeArguments.NodeCount).Value,
            decode ? reader.IntegerWithDefault(MlNodeArguments.MaxTokens).Value : null);
        if (poc.NodeId >= poc.NodeCount)
        {
            throw new InputException($"--node-id={poc.NodeId} must be below --node-count={poc.NodeCount}");
        }

        var batch = reader.Integer(MlNodeArguments.BatchSize);
        var additionalArgs = reader.Text(MlNodeArguments.AdditionalArgs)!;
        var referenceArgs = DeployArguments.ParseJsonList(additionalArgs.Value, MlNodeArguments.AdditionalArgs, "'[\"--tensor-parallel-size\",\"4\"]'");
        if (additionalArgs.Source != ValueSource.Default && reader.Text(MlNodeArguments.NodeConfig) is not null)
        {
            throw new InputException("--additional-args and --node-config both give the args to bake with; pass one of them (the node config's args are recorded in the baked file)");
        }

        // The baked file records the args the vectors were really computed with: the node config's when given.
        var deploy = RunSettingsResolver.ComposeDeploy(reader, referenceArgs, DeployBaselineResolver.Resolve(sources, reader, model, referenceArgs));
        var timing = RunSettingsResolver.ResolveTiming(reader);

        var catalog = RunSettingsResolver.ResolveCatalog(sources, reader);
        var defaultOut = Path.Combine(catalog.Directories[0], model.ReferenceFileName);
        var outPath = reader.Text(MlNodeArguments.Out) is { } given ? sources.FullPath(given) : defaultOut;
        var force = reader.Flag(MlNodeArguments.Force);
        if ((File.Exists(outPath) || Directory.Exists(outPath)) && FileKind.Problem(outPath) is { } kind)
        {
            // --force replaces a file; it never replaces a device, a pipe or a folder with one (as root, /dev/null).
            throw new InputException($"--out '{ReferenceCatalog.Relative(outPath, sources.RepositoryRoot)}' {kind}; a golden reference is written as a regular file -- " +
                "pass --out=<a .json file>");
        }

        if (File.Exists(outPath) && !force)
        {
            throw new InputException(
                $"reference '{ReferenceCatalog.Relative(outPath, sources.RepositoryRoot)}' already exists and golden references are never overwritten by accident; " +
                "pass --force to replace it (atomically) or --out=<another path>");
        }

        if (OutputProblem(outPath) is { } unwritable)
        {
            // Learnt now, not after a bake that took the node's time: the vectors would have nowhere to go.
            throw new InputException($"the reference '{ReferenceCatalog.Relative(outPath, sources.RepositoryRoot)}' cannot be written: {unwritable}; pass --out=<a file in a folder you can write>");
        }

        // Unless given, τ is the plugin's default under decode: the prefill default (an L2 distance) means nothing there.
        var distThreshold = reader.NumberWithDefault(MlNodeArguments.DistThreshold);
        var source = reader.Text(MlNodeArguments.Source)?.Value
            ?? $"baked by MlNode.Tasks BakeReference from {node.Display} at {now:yyyy-MM-ddTHH:mm:ssK}";
        return new BakeSettings
        {
            Target = new NodeSettings(node, model, deploy, timing, sources.RepositoryRoot),
            Poc = poc,
            NumNonces = reader.IntegerWithDefault(MlNodeArguments.NumNonces).Value,
            BatchSize = batch is { Source: not ValueSource.Default } ? batch.Value : null,
            DistThreshold = distThreshold.Source == ValueSource.Default && decode ? StatTestParameters.DecodeServerDefaults.DistThreshold : distThreshold.Value,
            PMismatch = reader.Number(MlNodeArguments.PMismatch)?.Value,
            FraudThreshold = reader.Number(MlNodeArguments.FraudThreshold)?.Value,
            Source = source,
            Timeout = reader.Time(MlNodeArguments.Timeout).Value,
            Verify = !reader.Flag(MlNodeArguments.NoVerify),
            Force = force,
            OutPath = outPath,
            OutIsDefaultLookup = string.Equals(catalog.Locate(model) ?? defaultOut, outPath, StringComparison.Ordinal),
            Phases = new Dictionary<Phase, PhaseDecision>
            {
                [Phase.Download] = plan.Decide(Phase.Download, reader.Flag(MlNodeArguments.SkipDownload)),
                [Phase.Deploy] = plan.Decide(Phase.Deploy, reader.Flag(MlNodeArguments.SkipDeploy)),
            },
        };
    }

    /// <summary>Why a file cannot be written at <paramref name="path"/> (its folder, or the nearest existing one above it), or null.</summary>
    public static string? OutputProblem(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var folder = Path.GetDirectoryName(Path.GetFullPath(path));
        while (folder is not null && !Directory.Exists(folder))
        {
            if (File.Exists(folder))
            {
                return $"'{folder}' is a file, not a folder";
            }

            folder = Path.GetDirectoryName(folder);
        }

        if (folder is null)
        {
            return "no folder of it exists";
        }

        try
        {
            // A probe that deletes itself on close: the only sure test of a read-only mount, an ACL or a full disk.
            using var probe = new FileStream(Path.Combine(folder, $".mlnode-write-check-{Guid.NewGuid():N}"), FileMode.CreateNew, FileAccess.Write, FileShare.None, 1, FileOptions.DeleteOnClose);
            return null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return $"'{folder}' is not writable ({ex.Message})";
        }
    }
}
