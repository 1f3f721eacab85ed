using System.Globalization;
using MlNode.Tasks.Configuration;
using MlNode.Tasks.Documents;

namespace MlNode.Tasks.Reports;

/// <summary>The parts of a run's documents that describe its inputs: the reference it used and its arguments.</summary>
internal static class RunInputsDocument
{
    public static ReferenceInfo Reference(RunSettings s)
    {
        var reference = s.Reference;
        return new ReferenceInfo(reference.Poc)
        {
            Path = reference.FilePath,
            ChosenBy = s.ReferenceSource == ValueSource.Cli ? "--reference" : "lookup of " + s.Model.ReferenceFileName,
            Sha256 = reference.Sha256,
            Model = reference.Model.Value,
            NVectors = reference.Count,
            DistThreshold = reference.DistThreshold,
            StatTest = reference.HasStatTestBlock ? new ReferenceStatTest { PMismatch = reference.PMismatch, FraudThreshold = reference.FraudThreshold } : null,
            CollectionBatchSize = reference.CollectionBatchSize,
            AdditionalArgs = reference.AdditionalArgs,
            Source = reference.Source,
            Notes = reference.Notes,
            GeneratedAt = reference.GeneratedAt,
        };
    }

    public static ContractArguments Arguments(RunSettings s, string experimentDirectory)
    {
        var given = s.Provenance.ToDictionary(r => r.Name, r => r.Value, StringComparer.OrdinalIgnoreCase);
        return new ContractArguments
        {
            MlnodeUrl = s.Node.Display,
            Model = s.Model.Value,
            Reference = s.Reference.FilePath,
            Threshold = Given(s.StatTest.DistThreshold),
            PMismatch = Given(s.StatTest.PMismatch),
            FraudThreshold = Given(s.StatTest.FraudThreshold),
            Dtype = s.Deploy.Dtype.Value,
            TpSize = Integer(given, MlNodeArguments.TpSize.Name),
            MaxModelLen = Integer(given, MlNodeArguments.MaxModelLen.Name),
            ExtraArg = s.RawArguments.TryGetValue(MlNodeArguments.ExtraArg.Name, out var extra) ? extra : [],
            SkipDownload = Flag(given, MlNodeArguments.SkipDownload.Name),
            SkipDeploy = Flag(given, MlNodeArguments.SkipDeploy.Name),
            SkipThroughput = Flag(given, MlNodeArguments.SkipThroughput.Name),
            SkipValidate = Flag(given, MlNodeArguments.SkipValidate.Name),
            WarmupSeconds = s.Sampling.WarmupSeconds.Value.TotalSeconds,
            MeasureSeconds = s.Sampling.MeasureSeconds.Value.TotalSeconds,
            SampleInterval = s.Sampling.SampleInterval.Value.TotalSeconds,
            BatchSize = s.Batches.Throughput?.Value,
            ValidationBatchSize = s.Batches.Validation?.Value,
            DownloadTimeout = s.Timing.DownloadTimeout.Value.TotalSeconds,
            DeployTimeout = s.Timing.DeployTimeout.Value.TotalSeconds,
            ValidationTimeout = s.Timing.ValidationTimeout.Value.TotalSeconds,
            ExpDir = experimentDirectory,
            ExpName = s.Experiment.Name,
        };
    }

    // The stat test's floor (server default) and the reference's values are not arguments: unset, as validate.py says.
    private static double? Given(Resolved<double> value) => value.Source is ValueSource.ServerDefault or ValueSource.Reference ? null : value.Value;

    private static int? Integer(Dictionary<string, string> given, string name) =>
        given.TryGetValue(name, out var text) && int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : null;

    private static bool Flag(Dictionary<string, string> given, string name) =>
        given.TryGetValue(name, out var text) && bool.TryParse(text, out var value) && value;
}
