using System.Globalization;
using MlNode.Tasks.Client.Wire;
using MlNode.Tasks.Common;
using MlNode.Tasks.Documents;

namespace MlNode.Tasks.Metrics;

/// <summary>
/// What a finished run pushes to a Prometheus Pushgateway, named by Prometheus conventions (base units, <c>_seconds</c>,
/// a gauge per fact). Every series also carries the push's grouping labels (job, node, model). The names are the
/// contract of docs/grafana/mlnode-validation.json.
/// </summary>
internal static class ValidationMetrics
{
    /// <summary>The Pushgateway job every group is pushed under.</summary>
    public const string Job = "mlnode_validate";

    private static readonly Newtonsoft.Json.JsonSerializer Wire = Newtonsoft.Json.JsonSerializer.Create(DocumentJson.Settings);

    /// <summary>Gets every metric name a push may carry (a run pushes those it has values for).</summary>
    public static IReadOnlyList<string> Names { get; } =
    [
        "mlnode_validation_passed",
        "mlnode_validation_fraud_detected",
        "mlnode_validation_exit_code",
        "mlnode_validation_mismatches",
        "mlnode_validation_nonces",
        "mlnode_validation_p_value",
        "mlnode_validation_last_run_timestamp_seconds",
        "mlnode_validation_info",
        "mlnode_throughput_nonces_per_second",
        "mlnode_throughput_reported_nonces_per_second",
        "mlnode_replica_nonces_per_second",
        "mlnode_phase_duration_seconds",
        "mlnode_gate_passed",
        "mlnode_node_info",
    ];

    /// <summary>The run's metrics, in the order they are pushed.</summary>
    public static IReadOnlyList<GaugeFamily> Collect(ValidateReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var families = new List<GaugeFamily>();
        GaugeFamily Gauge(string name, string help, params string[] labels)
        {
            var family = new GaugeFamily(name, help, labels);
            families.Add(family);
            return family;
        }

        Gauge("mlnode_validation_exit_code", "The run's exit code: 0 pass, 2 fraud, 1 error, 3 gate, 130 interrupted.").Set(report.ExitCode ?? 1);
        Gauge("mlnode_validation_info", "1, labelled with the run's verdict, PoC scheme (prefill or decode), its one label and its cause's kind.",
                "verdict", "scheme", "label", "cause")
            .Set(1, report.Verdict, report.Validation?.Request.Scheme ?? "prefill", report.Judgement?.Label ?? string.Empty,
                report.Judgement?.CauseKind ?? string.Empty);
        if (report.FinishedAt is { } finished && DateTimeOffset.TryParse(finished, CultureInfo.InvariantCulture, DateTimeStyles.None, out var at))
        {
            Gauge("mlnode_validation_last_run_timestamp_seconds", "When the run finished, Unix seconds.").Set(at.ToUnixTimeMilliseconds() / 1000.0);
        }

        if (report.Validation?.Response?.ToObject<GenerateWire>(Wire) is { NTotal: { } total, NMismatch: { } mismatches } judged)
        {
            var passed = Judging.JudgementDocument.Read(report.Judgement)?.Verdict.Passed == true;
            Gauge("mlnode_validation_passed", "1 when the fraud test passed (PASS, or PASS with tolerated mismatches), else 0.").Set(passed ? 1 : 0);
            Gauge("mlnode_validation_fraud_detected", "1 when the node's fraud test fired.").Set(judged.FraudDetected == true ? 1 : 0);
            Gauge("mlnode_validation_nonces", "Nonces the node recomputed and judged.").Set(total);
            Gauge("mlnode_validation_mismatches", "Nonces whose distance exceeded the threshold.").Set(mismatches);
            if (judged.PValue is { } p && double.IsFinite(p))
            {
                Gauge("mlnode_validation_p_value", "The binomial test's p-value.").Set(p);
            }
        }

        if (report.Throughput?.Summary is { } summary)
        {
            Gauge("mlnode_throughput_nonces_per_second", "System throughput from the total_processed counters (the reported average where " +
                "there are none).").Set(summary.CounterNoncesPerSecond ?? summary.AvgSumNoncesPerSecond);
            Gauge("mlnode_throughput_reported_nonces_per_second", "System throughput as the node reported it (average of the summed rates).").Set(summary.AvgSumNoncesPerSecond);
            var replica = Gauge("mlnode_replica_nonces_per_second", "One vLLM replica's throughput (counter-based where known).", "replica");
            foreach (var backend in summary.PerBackend)
            {
                replica.Set(backend.CounterNoncesPerSecond ?? backend.AvgReportedNoncesPerSecond, backend.Port?.ToString(CultureInfo.InvariantCulture) ?? "unknown");
            }
        }

        if (report.Node is { } node)
        {
            Gauge("mlnode_node_info", "1, labelled with the software the node reported (empty where it reported none).", "mlnode_version", "vllm_version", "poc_plugin_version")
                .Set(1, node.MlnodeVersion ?? string.Empty, node.VllmVersion ?? string.Empty, node.PocPluginVersion ?? string.Empty);
        }

        var phase = Gauge("mlnode_phase_duration_seconds", "How long each phase that ran took.", "phase");
        foreach (var (name, entry) in report.Phases)
        {
            if (entry.ElapsedS is { } seconds)
            {
                phase.Set(seconds, name);
            }
        }

        var gate = Gauge("mlnode_gate_passed", "1 when a throughput gate asked for passed, else 0.", "gate");
        foreach (var g in report.Gates)
        {
            gate.Set(g.Passed ? 1 : 0, g.Name);
        }

        return families;
    }
}
