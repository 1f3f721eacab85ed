using System.Globalization;
using MlNode.Tasks.Configuration;
using MlNode.Tasks.Documents;

namespace MlNode.Tasks.Reports;

/// <summary>
/// Maps a run to the two typed documents of its experiment folder. Field names follow the contract and gonka's
/// validate.py (reference, deploy_config, poc_params, stat_test.values/source, args, download, deploy, throughput,
/// validation.response/passed/has_mismatches), so a reader of that client's reports reads these unchanged.
/// </summary>
internal static class ReportDocument
{
    /// <summary>validate_config.json: the resolved inputs only, enough to reproduce the run.</summary>
    public static ValidateConfig Config(RunReport report) => Inputs<ValidateConfig>(report);

    /// <summary>validate_report.json: the config plus per-phase results, warnings, error and verdict.</summary>
    public static ValidateReport Report(RunReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var judgement = report.Judgement;
        return Inputs<ValidateReport>(report) with
        {
            Status = report.Status,
            Verdict = judgement.Verdict.Text,
            ExitCode = report.IsFinished ? judgement.ExitCode : null,
            Judgement = Judging.JudgementDocument.Of(judgement),
            Gate = judgement.GateText is { } gate ? "gate: " + gate : null,
            Gates = [.. report.Gates.Select(g => new GateInfo { Name = g.Name, Limit = g.Limit, Measured = g.Measured, Unit = g.Unit, Baseline = g.Baseline, Passed = g.Passed, Detail = g.Detail })],
            StartedAt = report.StartedAt.ToString("o", CultureInfo.InvariantCulture),
            FinishedAt = report.FinishedAt?.ToString("o", CultureInfo.InvariantCulture),
            CurrentPhase = report.CurrentPhase?.Key(),
            Phases = report.Phases.OrderBy(p => p.Key).ToDictionary(
                p => p.Key.Key(),
                p => new PhaseEntry { State = p.Value.State.ToString().ToLowerInvariant(), Reason = p.Value.Reason, ElapsedS = p.Value.ElapsedSeconds }),
            Node = report.Node,
            Download = Ran(report, Phase.Download) ? PhaseResults.Download(report.Download) : null,
            Deploy = PhaseResults.Deploy(report, Ran(report, Phase.Deploy)),
            Throughput = Ran(report, Phase.Throughput) ? PhaseResults.Throughput(report.Throughput) : null,
            Validation = Ran(report, Phase.Validate) ? PhaseResults.Validation(report) : null,
            Warnings = [.. report.Warnings],
            Error = report.Error is null ? null : new ErrorInfo { Message = report.Error, Phase = report.ErrorPhase?.Key(), Detail = report.ErrorDetail },
        };
    }

    private static bool Ran(RunReport report, Phase phase) => report.Phases[phase].State is not (PhaseState.Pending or PhaseState.Skipped);

    private static T Inputs<T>(RunReport report)
        where T : ValidateConfig, new()
    {
        ArgumentNullException.ThrowIfNull(report);
        var s = report.Settings;
        return new T
        {
            Tool = ToolInfo.Current,
            Timestamp = report.StartedAt.ToString("o", CultureInfo.InvariantCulture),
            MlnodeUrl = s.Node.Display,
            Model = s.Model.Value,
            FleetNode = s.FleetNode,
            Reference = RunInputsDocument.Reference(s),
            DeployConfig = new DeployConfigInfo
            {
                Dtype = s.Deploy.Dtype.Value,
                DtypeSource = s.Deploy.Dtype.Source.Display(),
                AdditionalArgs = s.Deploy.AdditionalArgs,
                Baseline = s.Deploy.Baseline.Origin,
                ReferenceAdditionalArgs = s.Deploy.ReferenceArgs,
                NodeArgs = s.Deploy.NodeArgs,
                Overrides = s.Deploy.Overrides,
                Source = s.Deploy.Baseline.IsReference
                    ? "reference.additional_args (the reference's recording args; pass --node-config for the server's own) " +
                        "+ cli overrides (--tp-size / --max-model-len add-or-update, --extra-arg appended)"
                    : "the node's own args (node_args, replacing reference.additional_args) + cli overrides (--tp-size / --max-model-len add-or-update, --extra-arg appended)",
                RedeployIfRunning = s.Deploy.RedeployReason,
            },
            PocParams = new PocParamsInfo(s.Reference.Poc)
            {
                ThroughputBatchSize = s.Batches.Throughput?.Value,
                ThroughputBatchSizeSource = s.Batches.Throughput?.Source.Display() ?? BatchSettings.NodeDefault,
                ValidationBatchSize = s.Batches.Validation?.Value,
                ValidationBatchSizeSource = s.Batches.Validation?.Source.Display() ?? "not sent",
                ValidationBatchSizeReason = s.Batches.ValidationReason,
                Source = "PoC params come from the reference; batch sizes from the CLI or the reference",
            },
            StatTest = new StatTestInfo
            {
                Values = new() { DistThreshold = s.StatTest.DistThreshold.Value, PMismatch = s.StatTest.PMismatch.Value, FraudThreshold = s.StatTest.FraudThreshold.Value },
                Source = new() { DistThreshold = s.StatTest.DistThreshold.Source.Display(), PMismatch = s.StatTest.PMismatch.Source.Display(),
                    FraudThreshold = s.StatTest.FraudThreshold.Source.Display() },
            },
            PhasePlan = s.Phases.OrderBy(p => p.Key).ToDictionary(p => p.Key.Key(), p => new PhasePlanEntry { Runs = p.Value.Runs, Reason = p.Value.Runs ? null : p.Value.Reason }),
            Sampling = new SamplingInfo { WarmupSeconds = s.Sampling.WarmupSeconds.Value.TotalSeconds, MeasureSeconds = s.Sampling.MeasureSeconds.Value.TotalSeconds,
                SampleInterval = s.Sampling.SampleInterval.Value.TotalSeconds },
            Timeouts = new TimeoutsInfo
            {
                DownloadTimeout = s.Timing.DownloadTimeout.Value.TotalSeconds,
                DeployTimeout = s.Timing.DeployTimeout.Value.TotalSeconds,
                ValidationTimeout = s.Timing.ValidationTimeout.Value.TotalSeconds,
                RequestTimeout = s.Timing.RequestTimeout.Value.TotalSeconds,
            },
            Settings = [.. s.Provenance.Select(r => new SettingInfo { Name = r.Name, Value = r.Value, Source = r.Source.Display() })],
            ExperimentDir = report.ExperimentDirectory,
            Args = RunInputsDocument.Arguments(s, report.ExperimentDirectory),
            CliArgs = new SortedDictionary<string, IReadOnlyList<string>>(s.RawArguments.ToDictionary(a => a.Key, a => a.Value), StringComparer.Ordinal),
        };
    }
}
