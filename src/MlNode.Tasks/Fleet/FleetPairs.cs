using MlNode.Tasks.Common;

namespace MlNode.Tasks.Fleet;

/// <summary>Turns a fleet into its (node, model) pairs, applying --node-ids and --models.</summary>
internal static class FleetPairs
{
    /// <summary>Every pair the filters keep, node by node in the source's order.</summary>
    /// <exception cref="InputException">Duplicate node ids, a filter naming what the fleet does not have, or nothing left to validate.</exception>
    public static IReadOnlyList<FleetPair> Select(FleetInventory inventory, FleetSettings settings)
    {
        ArgumentNullException.ThrowIfNull(inventory);
        ArgumentNullException.ThrowIfNull(settings);
        var duplicate = inventory.Nodes.GroupBy(n => n.Id, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new InputException($"node id '{duplicate.Key}' appears {duplicate.Count()} times in {inventory.Location}; every node needs its own id");
        }

        var known = inventory.Nodes.Select(n => n.Id).ToList();
        var unknownIds = settings.NodeIds?.Where(id => !known.Contains(id, StringComparer.Ordinal)).ToList() ?? [];
        if (unknownIds.Count > 0)
        {
            throw new InputException($"--node-ids names {string.Join(", ", unknownIds)}, which {inventory.Location} does not list; its nodes are: {string.Join(", ", known)}");
        }

        var models = inventory.Nodes.SelectMany(n => n.Models.Select(m => m.Key)).Distinct(StringComparer.Ordinal).ToList();
        var unknownModels = settings.Models?.Where(m => !models.Contains(m, StringComparer.Ordinal)).ToList() ?? [];
        if (unknownModels.Count > 0)
        {
            throw new InputException($"--models names {string.Join(", ", unknownModels)}, which no node of {inventory.Location} serves; its models are: {string.Join(", ", models)}");
        }

        var pairs = inventory.Nodes
            .Where(n => settings.NodeIds is null || settings.NodeIds.Contains(n.Id, StringComparer.Ordinal))
            .SelectMany(n => n.Models
                .Where(m => settings.Models is null || settings.Models.Contains(m.Key, StringComparer.Ordinal))
                .Select(m => Pair(n, m.Key, m.Value, inventory)))
            .Where(p => settings.Pairs is null || settings.Pairs.Contains(p.FolderName, StringComparer.Ordinal))
            .ToList();
        return pairs.Count > 0
            ? pairs
            : throw new InputException($"no (node, model) pair to validate in " +
                $"{inventory.Location}{(settings.NodeIds is null && settings.Models is null && settings.Pairs is null ? " (its nodes list no models)" : " after --node-ids / --models / --pairs")}");
    }

    /// <summary>The --pairs the fleet does not have (any more): a shard job says so and leaves their ERROR rows to FleetReport.</summary>
    public static IReadOnlyList<string> Missing(IReadOnlyList<FleetPair> pairs, FleetSettings settings)
    {
        ArgumentNullException.ThrowIfNull(pairs);
        ArgumentNullException.ThrowIfNull(settings);
        return settings.Pairs?.Except(pairs.Select(p => p.FolderName), StringComparer.Ordinal).ToList() ?? [];
    }

    private static FleetPair Pair(FleetNode node, string model, IReadOnlyList<string> configuredArgs, FleetInventory inventory)
    {
        var launch = (node.Launch ?? NodeLaunch.FromConfig($"node-config {inventory.Location} {node.Id}")).For(model, configuredArgs);
        return new FleetPair(node, model, launch.Args, launch.Origin) { Refusal = launch.Refusal, LaunchError = launch.Error };
    }
}
