using MlNode.Tasks.PoC;
using MlNode.Tasks.Common;
using System.Globalization;
using System.Text;
using MlNode.Tasks.Configuration;
using MlNode.Tasks.References;

namespace MlNode.Tasks.Reports;

/// <summary>
/// Renders a run in the contract's "Required template": every section, N/A only for skipped phases, the
/// already-running warning, and the paths of the three files. The same text is the body of validate_report.txt.
/// </summary>
internal static class SummaryRenderer
{
    /// <summary>The banner line.</summary>
    public static readonly string Rule = new('=', 70);

    /// <summary>The text report: banner, then the verdict line first, then the template.</summary>
    public static string Render(RunReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var s = report.Settings;
        var root = s.RepositoryRoot;
        var text = new StringBuilder();
        text.AppendLine(Rule).AppendLine("MLNode PoC validation report").AppendLine(Rule);
        var judgement = report.Judgement;
        text.AppendLine(CultureInfo.InvariantCulture, $"verdict: {judgement.Verdict.Text}");
        if (report.Validation.Coherent == true && !report.DeployArgsApplied)
        {
            text.AppendLine("  on a deployment this run did not set: vLLM was already running, " +
                "so the deploy args below were NOT applied and the verdict is about the running deployment (--redeploy deploys them)");
        }
        if (report.GateLine is { } gate)
        {
            // The verdict line keeps the contract's words; the combination's one label is said with the gate.
            text.AppendLine(judgement.GateFailed ? $"{gate} -> {judgement.Label} (exit code {judgement.ExitCode})" : gate);
        }

        foreach (var line in Judging.JudgementLines.Reasons(judgement, "  "))
        {
            text.AppendLine(One(line));
        }

        text.AppendLine("target");
        text.AppendLine(CultureInfo.InvariantCulture, $"  mlnode: {s.Node.Display}");
        if (report.Node is { } node)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"  node software: {One(node.Line)}");
        }

        text.AppendLine(CultureInfo.InvariantCulture, $"  model: {s.Model}");
        text.AppendLine(CultureInfo.InvariantCulture, $"  reference: {One(ReferenceCatalog.Relative(s.Reference.FilePath ?? "?", root))}");
        var kind = s.Reference.Scheme == PocScheme.Decode ? " (decode trajectories)" : string.Empty;
        text.AppendLine(CultureInfo.InvariantCulture, $"    {s.Reference.Count} pre-computed nonces{kind}; source: {One(s.Reference.Source ?? "unknown")}");

        var poc = s.Reference.Poc;
        text.AppendLine("PoC params (from reference)");
        text.AppendLine(Invariant($"  seq_len={poc.SeqLen}, k_dim={poc.KDim}, block_hash={One(poc.BlockHash)}, public_key={One(poc.PublicKey)}, node_id={poc.NodeId}, node_count={poc.NodeCount}"));
        text.AppendLine(s.Batches.Throughput is { } tb
            ? Invariant($"  throughput_batch_size={tb.Value} ({tb.Source.Display()})")
            : $"  throughput_batch_size={BatchSettings.NodeDefault}");
        text.AppendLine(s.Batches.Validation is { } vb
            ? Invariant($"  validation_batch_size={vb.Value} ({vb.Source.Display()})")
            : "  validation_batch_size=not sent (the node's default batch; the reference records no collection_batch_size)");

        if (s.Deploy.Baseline.IsReference)
        {
            text.AppendLine("deploy config (reference.additional_args + CLI overrides)");
            text.AppendLine(CultureInfo.InvariantCulture, $"  dtype={s.Deploy.Dtype.Value}, additional_args={List(s.Deploy.AdditionalArgs)}");
            text.AppendLine("  note: these are the reference's recording args, not necessarily what production runs; pass --node-config=<the server's node-config.json> to deploy the server's own");
        }
        else
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"deploy config (the node's own args from {One(s.Deploy.Baseline.Origin)} + CLI overrides)");
            text.AppendLine(CultureInfo.InvariantCulture, $"  dtype={s.Deploy.Dtype.Value}, additional_args={List(s.Deploy.AdditionalArgs)}");
            text.AppendLine(CultureInfo.InvariantCulture, $"  reference recorded with (FYI): {List(s.Deploy.ReferenceArgs)}");
        }

        text.AppendLine(CultureInfo.InvariantCulture, $"  applied? {Applied(report)}");

        text.AppendLine("stat test (server-default -> reference -> cli, with provenance per key)");
        text.AppendLine(Invariant($"  dist_threshold={Number(s.StatTest.DistThreshold.Value)} ({s.StatTest.DistThreshold.Source.Display()})"));
        text.AppendLine(Invariant($"  p_mismatch={Number(s.StatTest.PMismatch.Value)} ({s.StatTest.PMismatch.Source.Display()})"));
        text.AppendLine(Invariant($"  fraud_threshold={Number(s.StatTest.FraudThreshold.Value)} ({s.StatTest.FraudThreshold.Source.Display()})"));

        text.AppendLine("phases");
        text.AppendLine(PhaseLine(report, Phase.Download, () => $"{report.Download.Action} in {Durations.Short(report.Download.ElapsedSeconds)}"));
        text.AppendLine(PhaseLine(report, Phase.Deploy, () => $"{report.Deploy.Action} in {Durations.Short(report.Deploy.ElapsedSeconds)}"));
        text.AppendLine(PhaseLine(report, Phase.Throughput, () => ThroughputLine(report.Throughput)));
        foreach (var line in ThroughputDetail(report))
        {
            text.AppendLine(line);
        }

        text.AppendLine(PhaseLine(report, Phase.Validate, () => ValidateLine(report.Validation)));
        if (report.Phases[Phase.Validate].State == PhaseState.Completed && report.Validation.MismatchNonces.Count > 0)
        {
            var nonces = report.Validation.MismatchNonces;
            var shown = List(nonces.Take(20).Select(n => n.ToString(CultureInfo.InvariantCulture)));
            text.AppendLine(CultureInfo.InvariantCulture, $"    mismatch_nonces={shown}{(nonces.Count > 20 ? $" ... ({nonces.Count} in all)" : string.Empty)}");
        }

        if (VerifiedLine(report.Validation) is { } verified)
        {
            text.AppendLine(verified);
        }

        if (report.Validation.Anatomy is { } anatomy)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"    evidence ({anatomy.Kind}): {string.Join("; ", anatomy.Evidence)}");
        }

        if (report.Validation.Decode is { } decode)
        {
            foreach (var line in DecodeLines(decode))
            {
                text.AppendLine(line);
            }
        }

        foreach (var warning in report.Warnings)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"warning: {One(warning)}");
        }

        if (report.Error is not null)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"error: {One(report.Error)}");
        }

        var dir = ReferenceCatalog.Relative(report.ExperimentDirectory, root);
        text.AppendLine(CultureInfo.InvariantCulture, $"experiment dir: {dir}");
        text.AppendLine(CultureInfo.InvariantCulture, $"  config (json): {Path.Combine(dir, ExperimentDirectory.ConfigFile)}");
        text.AppendLine(CultureInfo.InvariantCulture, $"  report (json): {Path.Combine(dir, ExperimentDirectory.ReportFile)}");
        text.AppendLine(CultureInfo.InvariantCulture, $"  report (txt):  {Path.Combine(dir, ExperimentDirectory.TextFile)}");
        text.AppendLine(CultureInfo.InvariantCulture, $"  report (html): {Path.Combine(dir, ExperimentDirectory.HtmlFile)}");
        text.Append(Rule).AppendLine();
        return report.Redactor.Redact(text.ToString());
    }

    /// <summary>Formats a number the way the summary shows it (shortest round-trip form).</summary>
    public static string Number(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    private static string Applied(RunReport report)
    {
        var deploy = report.Deploy;
        return report.Phases[Phase.Deploy].State switch
        {
            PhaseState.Completed when deploy.Applied => deploy.Action == "reused" ? "yes (reused: deployed with these args earlier in this invocation)" : "yes",
            PhaseState.Completed => "no - vLLM was already running: these args were NOT applied to the live vLLM process (--redeploy deploys them)",
            PhaseState.Skipped => $"no - deploy skipped ({report.Phases[Phase.Deploy].Reason}); the args were NOT applied",
            PhaseState.Failed => "no - deploy failed",
            PhaseState.Interrupted => "no - interrupted during deploy",
            _ => "no - deploy not reached",
        };
    }

    private static string PhaseLine(RunReport report, Phase phase, Func<string> completed)
    {
        var record = report.Phases[phase];
        var body = record.State switch
        {
            PhaseState.Completed => completed(),
            PhaseState.Skipped => $"skipped ({record.Reason})",
            PhaseState.Failed => $"FAILED after {Durations.Short(record.ElapsedSeconds ?? 0)}",
            PhaseState.Interrupted => $"interrupted after {Durations.Short(record.ElapsedSeconds ?? 0)}",
            PhaseState.Running => "running",
            _ => "N/A (not reached)",
        };
        return $"  [{phase.Key()}] {body}";
    }

    private static string ThroughputLine(ThroughputSection t)
    {
        var s = t.Summary;
        if (s is null)
        {
            return "no measurement";
        }

        var counter = s.CounterRate is { } c ? Invariant($"; from total_processed: {c:0.00} nonces/s over {s.WindowSeconds:0.0}s") : string.Empty;
        return Invariant($"backends={s.Backends} avg_sum={s.AverageSum:0.00} nonces/s ({s.AverageSum * 60:0} nonces/min) min/max={s.MinimumSum:0.00}/{s.MaximumSum:0.00}{counter}");
    }

    private static IEnumerable<string> ThroughputDetail(RunReport report)
    {
        if (report.Phases[Phase.Throughput].State != PhaseState.Completed || report.Throughput.Summary is not { } s)
        {
            yield break;
        }

        if (s.Backends > 1)
        {
            yield return $"    per-backend (last sample): {List(s.Replicas.Select(r => r.LastNoncesPerSecond.ToString("0.00", CultureInfo.InvariantCulture)))}";
        }

        foreach (var backend in report.Throughput.UnhealthyBackends)
        {
            var port = backend.Port?.ToString(CultureInfo.InvariantCulture) ?? "?";
            yield return $"    unhealthy backend (left out of the sums): port {port} {One(backend.Status)}{(backend.Detail is { } detail ? ": " + One(detail) : string.Empty)}";
        }

        foreach (var slow in s.SlowReplicas)
        {
            yield return $"    callout: {slow}";
        }
    }

    private static string ValidateLine(ValidationSection v) =>
        Invariant($"n_total={v.NTotal}, n_mismatch={v.NMismatch}, p_value={v.PValue:G6}, fraud_detected={(v.FraudDetected ? "true" : "false")}");

    private static string List(IEnumerable<string> items) => "[" + string.Join(", ", items.Select(One)) + "]";

    // Text from outside (the reference file, the node, a node config) stays on its line of the summary.
    private static string One(string? text) => OutsideText.LogLine(text);

    // Whether the verdict was checked against the node's own vectors: a reader must see when it rests on the node's word.
    private static string? VerifiedLine(ValidationSection v) =>
        v.Contradiction is { } contradiction ? $"    verified: NO: the node's verdict contradicts its own {(v.Decode is null ? "vectors" : "per_nonce scores")} ({One(contradiction)})"
        : v.Decode is { } decode && v.Coherent == true
            ? Invariant($"    recomputed from its per_nonce scores: {decode.NMismatch}/{decode.NTotal} nonces beyond τ={Number(decode.StatTest.DistThreshold)} ") +
                Invariant($"(p {Judging.PValueText.Format(decode.Outcome.PValue)}), as its verdict says; not verified: the scores are the node's own word")
        : v.Local is { } local ? Invariant($"    verified: the node's own vectors are {local.NMismatch}/{local.NTotal} beyond {Number(local.StatTest.DistThreshold)} ") +
            Invariant($"(p {Judging.PValueText.Format(local.Outcome.PValue)}), ") +
            Invariant($"as its verdict says")
        : v.UnverifiedReason is { } reason ? $"    not verified: {One(reason)}"
        : null;


    // The margins a person needs to judge τ: how many steps differ, the histogram with τ marked, and the likely cause.
    internal static IEnumerable<string> DecodeLines(Verification.DecodeJudgement decode)
    {
        ArgumentNullException.ThrowIfNull(decode);
        var tau = decode.StatTest.DistThreshold;
        var unscored = decode.Excluded.Count > 0 ? Invariant($"; {decode.Excluded.Count} not scored") : string.Empty;
        yield return Invariant($"    decode: {decode.StepMismatchShare:P2} of scored steps differ; ") +
            Invariant($"{decode.Scores.Count(s => s.MismatchingSteps > 0)}/{decode.NTotal} nonces have a differing step{unscored}");
        var bins = decode.Histogram;
        if (bins.Count > 0)
        {
            yield return "    margins (mismatch_margin_max of nonces with a differing step; | marks τ):";
            var widest = Math.Max(1, bins.Max(b => b.Count));
            var skipped = false;
            foreach (var bin in bins)
            {
                // Empty bins are folded (a substitution puts margins ten τ away): the lines show where nonces are, and τ.
                var atTau = Math.Abs(bin.From - tau) < 1e-12;
                if (bin.Count == 0 && !atTau)
                {
                    skipped = true;
                    continue;
                }

                if (skipped)
                {
                    yield return "        ...";
                    skipped = false;
                }

                var last = bin == bins[^1] ? "+" : " ";
                yield return Invariant($"     {(atTau ? "|" : " ")}{bin.From,7:0.0000}{last}{bin.Count,6}  {new string('#', (int)Math.Ceiling(30.0 * bin.Count / widest))}");
            }
        }

        if (decode.Cause() is { } cause)
        {
            yield return "    why: " + cause.Line;
        }
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
