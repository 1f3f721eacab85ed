using MlNode.Tasks.Verification;
using System.Collections.Concurrent;
using MlNode.Tasks.Client;
using MlNode.Tasks.Common;
using MlNode.Tasks.Engine;
using MlNode.Tasks.Phases;
using MlNode.Tasks.PoC;
using MlNode.Tasks.Reports;
using MlNode.Tasks.Running;

namespace MlNode.Tasks.CrossCheck;

/// <summary>
/// Runs one model's matrix on nodes that already serve it: each node works through its <see cref="CrossSchedule"/>
/// queue (generate, then validate the golden and every other node's vectors), the golden's column is judged here on
/// its recorded vectors, and every pair's distances are computed locally. A node that fails makes ERROR cells of
/// what it could not do; everything else completes. On an interrupt every node is told to stop generating.
/// </summary>
internal sealed class CrossMatrixRunner
{
    private readonly IRunLog _log;
    private readonly RunEnvironment _environment;

    /// <summary>Creates the runner.</summary>
    public CrossMatrixRunner(IRunLog log, RunEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(log);
        ArgumentNullException.ThrowIfNull(environment);
        _log = log;
        _environment = environment;
    }

    /// <summary>Runs the matrix.</summary>
    public async Task<CrossMatrix> RunAsync(CrossModelPlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var time = _environment.Time;
        var started = time.GetTimestamp();
        var wanted = plan.Nonces.ToHashSet();
        var golden = new GeneratedVectors(CrossSchedule.Golden, plan.Golden.Vectors.Where(v => wanted.Contains(v.Nonce)).ToList())
        {
            Trajectories = [.. plan.Golden.Trajectories.Where(t => wanted.Contains(t.Nonce))],
        };
        var vectors = plan.Nodes.ToDictionary(n => n.Id, _ => new TaskCompletionSource<GeneratedVectors>(TaskCreationOptions.RunContinuationsAsynchronously), StringComparer.Ordinal);
        var cells = new ConcurrentBag<CrossCell>();
        var jobs = new ConcurrentBag<CrossJob>();
        var queues = CrossSchedule.Queues(plan.Nodes.Select(n => n.Id).ToList(), withGolden: golden.Count > 0);
        double Now() => time.GetElapsedTime(started).TotalSeconds;

        var workers = plan.Nodes.Select((node, i) => WorkAsync(new Worker(plan, node, queues[i], vectors, golden, cells, jobs, Now))).ToList();
        await Task.WhenAll(workers).ConfigureAwait(false);

        var generated = plan.Nodes.Select(n => vectors[n.Id].Task.Result).ToList();
        var pairs = PerNonce([golden, .. generated]);
        var perNonce = pairs.ToDictionary(p => p.Key, p => p.Value);
        var distances = pairs.Select(p => new CrossDistance(p.Key.First, p.Key.Second, PairDistances.Summarize(p.Value, plan.StatTest.DistThreshold))).ToList();
        if (golden.Count == 0)
        {
            // A golden recorded for other nonces anchors nothing: the nodes are still judged by each other.
            _log.Warning($"the golden reference holds none of nonces 0..{plan.Nonces.Count - 1}: it is left out of the matrix");
        }
        else if (plan.Golden.Header.Scheme == PocScheme.Decode)
        {
            // A recorded trajectory cannot re-run anything: only a node scores a decode trajectory, so the golden's
            // column stays empty and its row (every node re-running the golden's trajectories) anchors the matrix.
            _log.Line("decode PoC: the golden's column is not judged (a recording cannot re-run a trajectory); its row is");
        }
        else
        {
            foreach (var node in generated)
            {
                cells.Add(JudgeAgainstGolden(plan, node, distances.FirstOrDefault(d => d.First == CrossSchedule.Golden && d.Second == node.Source)));
            }
        }

        var order = new List<string> { CrossSchedule.Golden };
        order.AddRange(plan.Nodes.Select(n => n.Id));
        var ordered = cells
            .Select(c => Verified(c, perNonce, plan))
            .Select(c => c with { Judgement = CrossCellJudge.Of(c, plan.StatTest.DistThreshold, Tau(plan), HardwareOf(plan, c.Generator), HardwareOf(plan, c.Validator)) })
            .OrderBy(c => order.IndexOf(c.Generator)).ThenBy(c => order.IndexOf(c.Validator)).ToList();
        var matrix = new CrossMatrix(plan, generated, ordered, distances, [.. jobs.OrderBy(j => j.StartedS)], Math.Round(Now(), 3));
        return matrix with { Tau = TauCalibration.Of(matrix) };
    }

    private static string Tau(CrossModelPlan plan) => plan.Golden.Header.Scheme == PocScheme.Decode ? "τ " : string.Empty;

    // The golden's class is not known: it is a recording, never the same class as a node as far as the words go.
    private static string HardwareOf(CrossModelPlan plan, string source) => plan.Nodes.FirstOrDefault(n => n.Id == source)?.Hardware ?? "the golden's recording";

    // A node's verdict on a cell stands only if its own vectors of the same nonces support it: the validator's
    // generation is compared here with what it judged, by the one rule a run uses (VerdictCheck).
    private CrossCell Verified(CrossCell cell, Dictionary<(string First, string Second), IReadOnlyList<NonceDistance>> perNonce, CrossModelPlan plan)
    {
        if (cell.Status is not (CrossCellStatus.Pass or CrossCellStatus.Fail) ||
            !(perNonce.TryGetValue((cell.Generator, cell.Validator), out var distances) || perNonce.TryGetValue((cell.Validator, cell.Generator), out distances)))
        {
            return cell;
        }

        var local = LocalJudgement.Of(distances, plan.StatTest);
        var anatomy = MismatchAnatomy.Of(new AnatomyInput(local.Distances.Select(d => d.Nonce).ToList(), local.MismatchNonces, plan.StatTest.DistThreshold,
            local.Distances, plan.BatchSize, plan.Golden.Header.CollectionBatchSize));
        if (cell.JudgedBy != CrossCell.ByNode || VerdictCheck.Contradiction(local, cell.NMismatch ?? 0, cell.MismatchNonces) is not { } contradiction)
        {
            return cell with { Anatomy = anatomy };
        }

        var reason = $"validator {cell.Validator} contradicts its own vectors: {contradiction}";
        _log.Error($"{cell.Generator} -> {cell.Validator}: {reason}");
        return cell with { Status = CrossCellStatus.Error, Error = reason };
    }

    // Every unordered pair of sources that both have vectors, each nonce's distance computed once: L2 is symmetric, so
    // one list serves both directions, the pair's summary and both cells' checks.
    private static List<KeyValuePair<(string First, string Second), IReadOnlyList<NonceDistance>>> PerNonce(IReadOnlyList<GeneratedVectors> sources)
    {
        var pairs = new List<KeyValuePair<(string First, string Second), IReadOnlyList<NonceDistance>>>();
        for (var a = 0; a < sources.Count; a++)
        {
            for (var b = a + 1; b < sources.Count; b++)
            {
                if (sources[a].Vectors.Count > 0 && sources[b].Vectors.Count > 0)
                {
                    pairs.Add(new((sources[a].Source, sources[b].Source), PairDistances.PerNonce(sources[a].Vectors, sources[b].Vectors)));
                }
            }
        }

        return pairs;
    }

    // The golden cannot recompute anything: its column is the fraud test on its recorded vectors, from the distances.
    private static CrossCell JudgeAgainstGolden(CrossModelPlan plan, GeneratedVectors node, CrossDistance? toGolden)
    {
        if (node.Failure is not null || toGolden is null)
        {
            return CrossCell.NotJudged(node.Source, CrossSchedule.Golden, node.Interrupted, $"{node.Source} has no vectors: {node.Failure ?? "none generated"}", CrossCell.ByRecording);
        }

        var summary = toGolden.Summary;
        var outcome = plan.StatTest.Evaluate(summary.Above, summary.Compared);
        var section = new ValidationSection
        {
            NTotal = summary.Compared,
            NMismatch = summary.Above,
            MismatchNonces = summary.AboveNonces,
            PValue = outcome.PValue,
            FraudDetected = outcome.FraudDetected,
            Coherent = true,
        };
        return CrossCell.Judged(node.Source, CrossSchedule.Golden, section, CrossCell.ByRecording, 0);
    }

    private async Task WorkAsync(Worker work)
    {
        var node = work.Node;
        var log = new LabelledRunLog(_log, node.Id);
        using var connection = new NodeConnection(node.Settings.Target, log, _environment);
        try
        {
            await WorkThroughAsync(work, connection, log).ConfigureAwait(false);
        }
        finally
        {
            // Whatever ended this worker, no other node may wait forever for this node's vectors.
            work.Vectors[node.Id].TrySetResult(GeneratedVectors.Failed(node.Id, "its generation never ran", _environment.Interrupt.IsCancellationRequested));
        }
    }

    private async Task WorkThroughAsync(Worker work, NodeConnection connection, IRunLog log)
    {
        var node = work.Node;
        var interrupt = _environment.Interrupt;
        string? unreachable = null;
        foreach (var source in work.Queue)
        {
            if (unreachable is not null)
            {
                // A node that gave no answer is not called again: each call would wait out its whole timeout.
                var why = $"{node.Id} gave no answer earlier ({unreachable}); not called again";
                if (source == node.Id)
                {
                    work.Vectors[node.Id].TrySetResult(GeneratedVectors.Failed(node.Id, why, interrupted: false));
                }
                else
                {
                    work.Cells.Add(CrossCell.NotJudged(source, node.Id, false, why));
                }

                continue;
            }

            var start = work.Now();
            try
            {
                if (source == node.Id)
                {
                    // Who generated these vectors: the same two reads a run makes, never an error.
                    var identity = await connection.Context.Client.GetIdentityAsync(interrupt).ConfigureAwait(false);
                    log.Line($"node: {identity.Line}");
                    var generated = await GenerateAsync(connection.Context, work.Plan, node).ConfigureAwait(false);
                    work.Vectors[node.Id].SetResult(generated with { Seconds = Math.Round(work.Now() - start, 3), Software = identity.Short });
                    work.Jobs.Add(new CrossJob(node.Id, CrossJob.Generate, node.Id, start, work.Now()));
                    log.Line($"generated {generated.Count} {(generated.Trajectories.Count > 0 ? "trajectories" : "vectors")} in {Durations.Short(work.Now() - start)}");
                }
                else
                {
                    var vectors = source == CrossSchedule.Golden ? work.Golden : await work.Vectors[source].Task.ConfigureAwait(false);
                    if (vectors.Failure is { } failure)
                    {
                        // Nothing to send: the cell says why, and this node goes straight to its next job.
                        work.Cells.Add(CrossCell.NotJudged(source, node.Id, vectors.Interrupted, $"{source} has no vectors: {failure}"));
                        continue;
                    }

                    start = work.Now();
                    work.Cells.Add(await ValidateAsync(connection.Context, work.Plan, node, vectors, start, work.Now).ConfigureAwait(false));
                    work.Jobs.Add(new CrossJob(node.Id, CrossJob.Validate, source, start, work.Now()));
                }
            }
            catch (Exception ex) when (ex is MlNodeException or OperationCanceledException or HttpRequestException)
            {
                var interrupted = interrupt.IsCancellationRequested;
                var reason = interrupted ? "interrupted" : _environment.Redactor.Redact(OutsideText.OneLine(Failure.Of(ex).Message));
                if (source == node.Id)
                {
                    work.Vectors[node.Id].TrySetResult(GeneratedVectors.Failed(node.Id, reason, interrupted));
                }
                else
                {
                    work.Cells.Add(CrossCell.NotJudged(source, node.Id, interrupted, reason));
                }

                if (!interrupted)
                {
                    log.Error($"{(source == node.Id ? "generation" : "validating " + source)} failed: {reason}");
                    if (ex is MlNodeCallException { NoAnswer: true })
                    {
                        unreachable = reason;
                        log.Warning($"{node.Id} gave no answer: its remaining jobs are ERROR without calling it again");
                    }
                }
            }
        }

        // Whatever this node was doing when the interrupt came, it may still be generating: /pow/stop is idempotent.
        if (interrupt.IsCancellationRequested)
        {
            await StopAsync(connection.Context, work.Plan.StopTimeout, log).ConfigureAwait(false);
        }
    }

    private static async Task<GeneratedVectors> GenerateAsync(PhaseContext context, CrossModelPlan plan, CrossNode node) => plan.Golden.Header.Scheme == PocScheme.Decode
        ? new(node.Id, []) { Trajectories = await NodeTrajectories.GenerateAsync(context, plan.Model, plan.Golden.Poc, plan.Nonces, plan.BatchSize, plan.Timeout).ConfigureAwait(false) }
        : new(node.Id, await NodeVectors.GenerateAsync(context, plan.Model, plan.Golden.Poc, plan.Nonces, plan.BatchSize, plan.Timeout).ConfigureAwait(false));

    private static async Task<CrossCell> ValidateAsync(PhaseContext context, CrossModelPlan plan, CrossNode node, GeneratedVectors vectors, double start, Func<double> now)
    {
        context.Interrupt.ThrowIfCancellationRequested();
        if (plan.Golden.Header.Scheme == PocScheme.Decode)
        {
            return await ValidateDecodeAsync(context, plan, node, vectors, start, now).ConfigureAwait(false);
        }

        var nonces = vectors.Vectors.Select(v => v.Nonce).ToList();
        var reply = await ValidationCall.SendAsync(context, plan.Model, plan.Golden.Poc, nonces, plan.BatchSize, vectors.Vectors, null, plan.StatTest, plan.Timeout).ConfigureAwait(false);
        var section = new ValidationSection();
        ValidatePhase.Judge(reply, nonces, plan.StatTest, section);
        return CrossCell.Judged(vectors.Source, node.Id, section, CrossCell.ByNode, now() - start);
    }

    // The validator re-runs the generator's trajectories teacher-forced; its per_nonce margins are what τ is calibrated on.
    private static async Task<CrossCell> ValidateDecodeAsync(PhaseContext context, CrossModelPlan plan, CrossNode node, GeneratedVectors trajectories, double start, Func<double> now)
    {
        var nonces = trajectories.Trajectories.Select(t => t.Nonce).ToList();
        var reply = await ValidationCall.SendAsync(context, plan.Model, plan.Golden.Poc, nonces, plan.BatchSize, null, trajectories.Trajectories, plan.StatTest, plan.Timeout).ConfigureAwait(false);
        var section = new ValidationSection();
        var judgement = DecodeValidatePhase.Judge(reply, nonces, plan.StatTest, section);
        return CrossCell.Judged(trajectories.Source, node.Id, section, CrossCell.ByNode, now() - start) with { DecodeScores = judgement.Scores };
    }

    private static async Task StopAsync(PhaseContext context, TimeSpan limit, IRunLog log)
    {
        using var bounded = new CancellationTokenSource(limit, context.Time);
        try
        {
            await context.Client.StopPowAsync(bounded.Token).ConfigureAwait(false);
            log.Line("generation stopped");
        }
        catch (Exception ex) when (ex is MlNodeException or OperationCanceledException or HttpRequestException)
        {
            log.Warning($"could not stop generation: {OutsideText.OneLine(ex.Message)}; stop it with POST /api/v1/inference/pow/stop");
        }
    }

    private sealed record Worker(
        CrossModelPlan Plan,
        CrossNode Node,
        IReadOnlyList<string> Queue,
        IReadOnlyDictionary<string, TaskCompletionSource<GeneratedVectors>> Vectors,
        GeneratedVectors Golden,
        ConcurrentBag<CrossCell> Cells,
        ConcurrentBag<CrossJob> Jobs,
        Func<double> Now);
}
