using MlNode.Tasks.Configuration;
using MlNode.Tasks.Documents;
using MlNode.Tasks.PoC;

namespace MlNode.Tasks.Reports;

/// <summary>Maps each phase's section of a run to its typed part of validate_report.json.</summary>
internal static class PhaseResults
{
    public static DownloadInfo Download(DownloadSection d) => new()
    {
        Action = d.Action,
        ElapsedS = Math.Round(d.ElapsedSeconds, 3),
        LastStatus = d.LastStatus,
        Polls = d.Polls,
    };

    public static DeployInfo? Deploy(RunReport report, bool ran)
    {
        var d = report.Deploy;
        if (!ran)
        {
            return d.VerifiedRunning is null ? null : new DeployInfo
            {
                Action = "skipped",
                Reason = report.Phases[Phase.Deploy].Reason,
                VerifiedRunning = d.VerifiedRunning,
                Status = d.Status,
                Applied = false,
            };
        }

        return new DeployInfo
        {
            Action = d.Action,
            ElapsedS = Math.Round(d.ElapsedSeconds, 3),
            Applied = d.Applied,
            Dtype = d.Dtype,
            AdditionalArgs = d.AdditionalArgs,
            Status = d.Status,
            Polls = d.Polls,
        };
    }

    public static ThroughputInfo Throughput(ThroughputSection t)
    {
        var summary = t.Summary;
        return new ThroughputInfo
        {
            Init = new ThroughputInit { Backends = t.InitBackends, NGroups = t.InitNGroups, Errors = t.InitErrors },
            UnhealthyBackends = [.. t.UnhealthyBackends.Select(b => new UnhealthyBackendInfo { Port = b.Port, Status = b.Status, Detail = b.Detail })],
            WindowStart = t.WindowStart is null ? null : Sample(t.WindowStart),
            Samples = [.. t.Samples.Select(Sample)],
            Summary = summary is null ? null : new ThroughputSummaryInfo
            {
                NBackends = summary.Backends,
                NSamples = summary.Samples,
                AvgSumNoncesPerSecond = summary.AverageSum,
                AvgSumNoncesPerMin = summary.AverageSum * 60,
                MinSumNoncesPerSecond = summary.MinimumSum,
                MaxSumNoncesPerSecond = summary.MaximumSum,
                CounterNoncesPerSecond = summary.CounterRate,
                CounterWindowS = summary.WindowSeconds,
                FinalPerBackendTotalProcessed = t.Samples.Count > 0 ? t.Samples[^1].PerBackendTotalProcessed : [],
                PerBackend = [.. summary.Replicas.Select(r => new BackendRate
                {
                    Port = r.Port,
                    AvgReportedNoncesPerSecond = r.AverageReportedNoncesPerSecond,
                    CounterNoncesPerSecond = r.CounterNoncesPerSecond,
                    LastNoncesPerSecond = r.LastNoncesPerSecond,
                })],
                SlowReplicas = summary.SlowReplicas,
            },
            GenerationStarted = t.GenerationStarted,
            GenerationStopped = t.GenerationStopped,
            StopConfirmed = t.StopConfirmed,
            StopConfirmS = t.StopConfirmSeconds,
        };
    }

    public static ValidationInfo Validation(RunReport report)
    {
        var v = report.Validation;
        var statTest = report.Settings.StatTest;
        return new ValidationInfo
        {
            Request = new ValidationRequestInfo
            {
                Scheme = report.Settings.Reference.Scheme.Name(),
                NTotal = v.SentVectors,
                BatchSize = v.BatchSize,
                BatchSizeReason = v.BatchSizeReason,
                StatTest = new() { DistThreshold = statTest.DistThreshold.Value, PMismatch = statTest.PMismatch.Value, FraudThreshold = statTest.FraudThreshold.Value },
            },
            Response = v.Response,
            Coherent = v.Coherent,
            Passed = v.Coherent == true ? v.Passed : null,
            HasMismatches = v.Coherent == true ? v.HasMismatches : null,
            Local = Local(v),
            Anatomy = v.Anatomy?.Document(),
            Decode = Decode(v, report.Settings.Reference.Poc.MaxTokens),
        };
    }

    private static DecodeValidationInfo? Decode(ValidationSection v, int? maxTokens) => v.Decode is not { } decode
        ? null
        : new DecodeValidationInfo
        {
            MaxTokens = maxTokens ?? 0,
            Tau = decode.StatTest.DistThreshold,
            NTotal = decode.NTotal,
            NMismatch = decode.NMismatch,
            PValue = decode.Outcome.PValue,
            FraudDetected = decode.Outcome.FraudDetected,
            ExcludedNonces = decode.Excluded,
            Agrees = v.Contradiction is null,
            Contradiction = v.Contradiction,
            Cause = decode.Cause()?.Line,
            StepMismatchShare = Math.Round(decode.StepMismatchShare, 6),
            MarginHistogram = [.. decode.Histogram.Select(b => new MarginBinInfo { From = b.From, To = b.To, Count = b.Count, AboveTau = b.From >= decode.StatTest.DistThreshold })],
            PerNonce = [.. decode.Scores.Select(s => new DecodeNonceInfo
            {
                Nonce = s.Nonce,
                NSteps = s.Steps,
                NSphereMismatches = s.MismatchingSteps,
                MismatchMarginMax = Math.Round(s.MarginMax, 6),
                Mismatch = s.Mismatch,
            })],
        };

    private static LocalValidationInfo? Local(ValidationSection v) => v.Local is { } local
        ? new LocalValidationInfo
        {
            Verified = true,
            NTotal = local.NTotal,
            NMismatch = local.NMismatch,
            MismatchNonces = local.MismatchNonces,
            PValue = local.Outcome.PValue,
            FraudDetected = local.Outcome.FraudDetected,
            Margin = Verification.VerdictCheck.Margin(local.StatTest.DistThreshold),
            Agrees = v.Contradiction is null,
            Contradiction = v.Contradiction,
            Distances = [.. local.Distances.Select(d => new NonceDistanceInfo { Nonce = d.Nonce, Distance = double.IsFinite(d.Distance) ? Math.Round(d.Distance, 6) : null })],
        }
        : v.UnverifiedReason is { } reason ? new LocalValidationInfo { Verified = false, Note = reason } : null;

    private static ThroughputSampleInfo Sample(ThroughputSample s) => new()
    {
        ElapsedS = Math.Round(s.ElapsedSeconds, 3),
        AggStatus = s.AggregateStatus,
        NBackends = s.BackendCount,
        Ports = s.Ports,
        PerBackendStatus = s.PerBackendStatus,
        PerBackendNoncesPerSecond = s.PerBackendNoncesPerSecond,
        PerBackendTotalProcessed = s.PerBackendTotalProcessed,
        SumNoncesPerSecond = s.SumNoncesPerSecond,
    };
}
