using System.Globalization;
using MlNode.Tasks.PoC;
using MlNode.Tasks.Common;
using MlNode.Tasks.Configuration;
using MlNode.Tasks.References;
using MlNode.Tasks.Reports;

namespace MlNode.Tasks.Running;

/// <summary>The resolved inputs of a validation run as the console shows them before the first phase.</summary>
internal static class RunInputs
{
    /// <summary>Prints the node, model, reference, experiment folder, PoC params, deploy config and stat test.</summary>
    /// <param name="log">Where the lines go.</param>
    /// <param name="settings">The resolved run.</param>
    /// <param name="experiment">The experiment folder as it should read (a dry run says it was not created).</param>
    public static void Print(IRunLog log, RunSettings settings, string experiment)
    {
        ArgumentNullException.ThrowIfNull(log);
        ArgumentNullException.ThrowIfNull(settings);
        var root = settings.RepositoryRoot;
        log.Line($"MLNode:           {settings.Node.Display}");
        log.Line($"Model:            {settings.Model}");
        log.Line($"Reference:        {ReferenceCatalog.Relative(settings.Reference.FilePath ?? "?", root)}");
        log.Line($"  source:         {settings.Reference.Source ?? "unknown"}");
        log.Line($"  vectors:        {settings.Reference.Count} pre-computed nonces{(settings.Reference.Scheme == PocScheme.Decode ? " (decode trajectories)" : string.Empty)}");
        log.Line($"Experiment dir:   {experiment}");
        var poc = settings.Reference.Poc;
        log.Line(string.Create(CultureInfo.InvariantCulture, $"PoC params:       seq_len={poc.SeqLen} k_dim={poc.KDim} block_hash={poc.BlockHash} " +
            $"public_key={poc.PublicKey} node_id={poc.NodeId} node_count={poc.NodeCount}"));
        log.Line($"Deploy config:    dtype={settings.Deploy.Dtype.Value} additional_args={Configuration.DeployArguments.Display(settings.Deploy.AdditionalArgs)}");
        if (settings.Deploy.RedeployReason is { } redeploy)
        {
            log.Line($"                  a vLLM already running is taken down and redeployed with these args ({redeploy})");
        }
        log.Line($"Stat test:        {StatTest(settings.StatTest)}");
        log.Line(string.Empty);
    }

    /// <summary>The stat test triple with the source of each value.</summary>
    public static string StatTest(StatTestSettings statTest)
    {
        ArgumentNullException.ThrowIfNull(statTest);
        return $"dist_threshold={SummaryRenderer.Number(statTest.DistThreshold.Value)} ({statTest.DistThreshold.Source.Display()}), " +
               $"p_mismatch={SummaryRenderer.Number(statTest.PMismatch.Value)} ({statTest.PMismatch.Source.Display()}), " +
               $"fraud_threshold={SummaryRenderer.Number(statTest.FraudThreshold.Value)} ({statTest.FraudThreshold.Source.Display()})";
    }
}
