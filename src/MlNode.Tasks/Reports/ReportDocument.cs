using System.Globalization;
using MlNode.Tasks.Configuration;
using MlNode.Tasks.References;
using Newtonsoft.Json.Linq;

namespace MlNode.Tasks.Reports;

/// <summary>
/// Builds the two JSON documents of an experiment folder. Field names follow the contract and the reference
/// scripts (reference, deploy_config, poc_params, stat_test.values/source, download, deploy, throughput,
/// validation.response/passed/has_mismatches) so a reader of the Python tool's reports feels at home.
/// </summary>
public static class ReportDocument
{
    // Absent values stay in the documents as null, so a reader sees every field the format has.
    private static readonly JsonMergeSettings KeepNulls = new() { MergeNullValueHandling = MergeNullValueHandling.Merge };

    /// <summary>The tool's name and version as recorded in every document.</summary>
    public static JObject Tool => new()
    {
        ["name"] = "MlNode.Tasks",
        ["version"] = typeof(ReportDocument).Assembly.GetName().Version?.ToString(3),
    };

    /// <summary>validate_config.json: the resolved inputs only, enough to reproduce the run.</summary>
    public static JObject Config(RunReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var s = report.Settings;
        var reference = s.Reference;
        var referenceBlock = new JObject
        {
            ["path"] = reference.FilePath,
            ["chosen_by"] = s.ReferenceSource == ValueSource.Cli ? "--reference" : "lookup of " + s.Model.ReferenceFileName,
            ["sha256"] = reference.Sha256,
            ["model"] = reference.Model.Value,
        };
        referenceBlock.Merge(ReferenceWriter.PocFields(reference.Poc), KeepNulls);
        referenceBlock.Merge(
            new JObject
            {
                ["n_vectors"] = reference.Vectors.Count,
                ["dist_threshold"] = reference.DistThreshold,
                ["stat_test"] = reference.HasStatTestBlock ? new JObject { ["p_mismatch"] = reference.PMismatch, ["fraud_threshold"] = reference.FraudThreshold } : null,
                ["collection_batch_size"] = reference.CollectionBatchSize,
                ["additional_args"] = new JArray(reference.AdditionalArgs),
                ["source"] = reference.Source,
                ["notes"] = reference.Notes,
                ["generated_at"] = reference.GeneratedAt,
            },
            KeepNulls);
        var pocParams = ReferenceWriter.PocFields(reference.Poc);
        pocParams.Merge(
            new JObject
            {
                ["throughput_batch_size"] = s.Batches.Throughput.Value,
                ["throughput_batch_size_source"] = s.Batches.Throughput.Source.Display(),
                ["validation_batch_size"] = s.Batches.Validation?.Value,
                ["validation_batch_size_source"] = s.Batches.Validation?.Source.Display() ?? "not sent",
                ["validation_batch_size_reason"] = s.Batches.ValidationReason,
                ["source"] = "PoC params come from the reference; batch sizes from the CLI or the reference",
            },
            KeepNulls);
        var config = new JObject
        {
            ["tool"] = Tool,
            ["timestamp"] = report.StartedAt.ToString("o", CultureInfo.InvariantCulture),
            ["mlnode_url"] = s.Node.Display,
            ["model"] = s.Model.Value,
            ["reference"] = referenceBlock,
            ["deploy_config"] = new JObject
            {
                ["dtype"] = s.Deploy.Dtype.Value,
                ["dtype_source"] = s.Deploy.Dtype.Source.Display(),
                ["additional_args"] = new JArray(s.Deploy.AdditionalArgs),
                ["reference_additional_args"] = new JArray(s.Deploy.ReferenceArgs),
                ["overrides"] = new JArray(s.Deploy.Overrides),
                ["source"] = "reference.additional_args + cli overrides (--tp-size / --max-model-len add-or-update, --extra-arg appended)",
            },
            ["poc_params"] = pocParams,
            ["stat_test"] = new JObject
            {
                ["values"] = new JObject
                {
                    ["dist_threshold"] = s.StatTest.DistThreshold.Value,
                    ["p_mismatch"] = s.StatTest.PMismatch.Value,
                    ["fraud_threshold"] = s.StatTest.FraudThreshold.Value,
                },
                ["source"] = new JObject
                {
                    ["dist_threshold"] = s.StatTest.DistThreshold.Source.Display(),
                    ["p_mismatch"] = s.StatTest.PMismatch.Source.Display(),
                    ["fraud_threshold"] = s.StatTest.FraudThreshold.Source.Display(),
                },
            },
            ["phase_plan"] = new JObject(s.Phases.OrderBy(p => p.Key).Select(p => new JProperty(
                p.Key.Key(),
                p.Value.Runs ? new JObject { ["runs"] = true } : new JObject { ["runs"] = false, ["reason"] = p.Value.Reason }))),
            ["sampling"] = new JObject
            {
                ["warmup_seconds"] = s.Sampling.WarmupSeconds.Value,
                ["measure_seconds"] = s.Sampling.MeasureSeconds.Value,
                ["sample_interval"] = s.Sampling.SampleInterval.Value,
            },
            ["timeouts"] = new JObject
            {
                ["download_timeout"] = s.Timing.DownloadTimeout.Value,
                ["deploy_timeout"] = s.Timing.DeployTimeout.Value,
                ["validation_timeout"] = s.Timing.ValidationTimeout.Value,
                ["request_timeout"] = s.Timing.RequestTimeout.Value,
            },
            ["settings"] = new JArray(s.Provenance.Select(r => new JObject { ["name"] = r.Name, ["value"] = r.Value, ["source"] = r.Source.Display() })),
            ["experiment_dir"] = report.ExperimentDirectory,
            ["args"] = new JObject(s.RawArguments.OrderBy(a => a.Key, StringComparer.Ordinal).Select(a => new JProperty(a.Key, a.Value.Count == 1 ? new JValue(a.Value[0]) : new JArray(a.Value)))),
        };
        return config;
    }

    /// <summary>validate_report.json: the config plus per-phase results, warnings, error and verdict.</summary>
    public static JObject Report(RunReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var document = Config(report);
        var verdict = report.Verdict;
        document["status"] = report.Status;
        document["verdict"] = verdict.Text;
        document["exit_code"] = report.IsFinished ? verdict.ExitCode : null;
        document["started_at"] = report.StartedAt.ToString("o", CultureInfo.InvariantCulture);
        document["finished_at"] = report.FinishedAt?.ToString("o", CultureInfo.InvariantCulture);
        document["current_phase"] = report.CurrentPhase?.Key();
        document["phases"] = new JObject(report.Phases.OrderBy(p => p.Key).Select(p => new JProperty(p.Key.Key(), new JObject
        {
            ["state"] = p.Value.State.ToString().ToLowerInvariant(),
            ["reason"] = p.Value.Reason,
            ["elapsed_s"] = p.Value.ElapsedSeconds,
        })));
        document["download"] = Ran(report, Phase.Download) ? Download(report.Download) : null;
        document["deploy"] = Deploy(report);
        document["throughput"] = Ran(report, Phase.Throughput) ? Throughput(report.Throughput) : null;
        document["validation"] = Validation(report);
        document["warnings"] = new JArray(report.Warnings);
        document["error"] = report.Error is null ? null : new JObject
        {
            ["message"] = report.Error,
            ["phase"] = report.ErrorPhase?.Key(),
            ["detail"] = report.ErrorDetail,
        };
        return document;
    }

    private static bool Ran(RunReport report, Phase phase) => report.Phases[phase].State is not (PhaseState.Pending or PhaseState.Skipped);

    private static JObject Download(DownloadSection d) => new()
    {
        ["action"] = d.Action,
        ["elapsed_s"] = Math.Round(d.ElapsedSeconds, 3),
        ["last_status"] = d.LastStatus,
        ["polls"] = d.Polls,
    };

    private static JObject? Deploy(RunReport report)
    {
        var d = report.Deploy;
        if (!Ran(report, Phase.Deploy))
        {
            return d.VerifiedRunning is null ? null : new JObject
            {
                ["action"] = "skipped",
                ["reason"] = report.Phases[Phase.Deploy].Reason,
                ["verified_running"] = d.VerifiedRunning,
                ["status"] = d.Status,
                ["applied"] = false,
            };
        }

        return new JObject
        {
            ["action"] = d.Action,
            ["elapsed_s"] = Math.Round(d.ElapsedSeconds, 3),
            ["applied"] = d.Applied,
            ["dtype"] = d.Dtype,
            ["additional_args"] = new JArray(d.AdditionalArgs),
            ["status"] = d.Status,
            ["polls"] = d.Polls,
        };
    }

    private static JObject Throughput(ThroughputSection t)
    {
        var summary = t.Summary;
        return new JObject
        {
            ["init"] = new JObject { ["backends"] = t.InitBackends, ["n_groups"] = t.InitNGroups, ["errors"] = new JArray(t.InitErrors) },
            ["window_start"] = t.WindowStart is null ? null : Sample(t.WindowStart),
            ["samples"] = new JArray(t.Samples.Select(Sample)),
            ["summary"] = summary is null ? null : new JObject
            {
                ["n_backends"] = summary.Backends,
                ["n_samples"] = summary.Samples,
                ["avg_sum_nonces_per_second"] = summary.AverageSum,
                ["avg_sum_nonces_per_min"] = summary.AverageSum * 60,
                ["min_sum_nonces_per_second"] = summary.MinimumSum,
                ["max_sum_nonces_per_second"] = summary.MaximumSum,
                ["counter_nonces_per_second"] = summary.CounterRate,
                ["counter_window_s"] = summary.WindowSeconds,
                ["per_backend"] = new JArray(summary.Replicas.Select(r => new JObject
                {
                    ["port"] = r.Port,
                    ["avg_reported_nonces_per_second"] = r.AverageReportedNoncesPerSecond,
                    ["counter_nonces_per_second"] = r.CounterNoncesPerSecond,
                    ["last_nonces_per_second"] = r.LastNoncesPerSecond,
                })),
                ["slow_replicas"] = new JArray(summary.SlowReplicas),
            },
            ["generation_started"] = t.GenerationStarted,
            ["generation_stopped"] = t.GenerationStopped,
            ["stop_confirmed"] = t.StopConfirmed,
            ["stop_confirm_s"] = t.StopConfirmSeconds,
        };
    }

    private static JObject Sample(ThroughputSample s) => new()
    {
        ["elapsed_s"] = Math.Round(s.ElapsedSeconds, 3),
        ["agg_status"] = s.AggregateStatus,
        ["n_backends"] = s.BackendCount,
        ["ports"] = new JArray(s.Ports),
        ["per_backend_status"] = new JArray(s.PerBackendStatus),
        ["per_backend_nonces_per_second"] = new JArray(s.PerBackendNoncesPerSecond),
        ["per_backend_total_processed"] = new JArray(s.PerBackendTotalProcessed),
        ["sum_nonces_per_second"] = s.SumNoncesPerSecond,
    };

    private static JObject? Validation(RunReport report)
    {
        var v = report.Validation;
        if (!Ran(report, Phase.Validate))
        {
            return null;
        }

        return new JObject
        {
            ["request"] = new JObject
            {
                ["n_total"] = v.SentVectors,
                ["batch_size"] = v.BatchSize,
                ["batch_size_reason"] = v.BatchSizeReason,
                ["stat_test"] = new JObject
                {
                    ["dist_threshold"] = report.Settings.StatTest.DistThreshold.Value,
                    ["p_mismatch"] = report.Settings.StatTest.PMismatch.Value,
                    ["fraud_threshold"] = report.Settings.StatTest.FraudThreshold.Value,
                },
            },
            ["response"] = v.Response,
            ["coherent"] = v.Coherent,
            ["passed"] = v.Coherent == true ? v.Passed : null,
            ["has_mismatches"] = v.Coherent == true ? v.HasMismatches : null,
        };
    }
}
