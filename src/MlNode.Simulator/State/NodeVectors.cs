using MlNode.Simulator.Faults;
using MlNode.Tasks.PoC;
using Newtonsoft.Json.Linq;

namespace MlNode.Simulator.State;

/// <summary>
/// The node's PoC arithmetic: the vector a backend computes for a nonce (honest on its hardware class, replayed
/// from a recording under its deploy args, or wrong where the node is dishonest) and the L2 + binomial test it runs
/// on vectors it is sent, with the faults that make a node lie about either.
/// </summary>
internal sealed class NodeVectors
{
    private readonly SimulatorOptions _options;
    private readonly VllmServer _vllm;
    private readonly RecordedVectors _recorded;

    // What a replaying proxy has been sent: the vectors of every validation request, by nonce.
    private readonly System.Collections.Concurrent.ConcurrentDictionary<long, float[]> _replayed = new();

    /// <summary>Creates the node's arithmetic; recordings are replayed under the args vLLM runs with.</summary>
    public NodeVectors(SimulatorOptions options, VllmServer vllm)
    {
        _options = options;
        _vllm = vllm;
        _recorded = new RecordedVectors(options.Recorded);
    }

    /// <summary>Computes the vectors a backend returns for nonces (honest, or wrong where the node is dishonest).</summary>
    public float[] Compute(VectorInputs inputs, long nonce, int? batchSize)
    {
        var batch = batchSize ?? _options.NodeBatchSize;
        if (_options.Has(FaultKind.ReplayGolden) && _replayed.TryGetValue(nonce, out var replayed))
        {
            return replayed;
        }

        if (_options.Has(FaultKind.BrokenVectors))
        {
            return new float[inputs.KDim];
        }

        if (IsDishonest(inputs, nonce) || (_options.Find(FaultKind.FirstInBatch) is { } first && nonce % (int)first.Number(batch) == 0))
        {
            return VectorOracle.Dishonest(inputs, nonce);
        }

        return (_recorded.IsEmpty ? null : _recorded.Find(inputs, _vllm.Status().Args, nonce)) ?? VectorOracle.Honest(inputs, nonce, batch, _options.Hardware);
    }

    /// <summary>Recomputes the received vectors and runs the L2 + binomial fraud test, as a backend does.</summary>
    public JObject Validate(VectorInputs inputs, IReadOnlyList<ReceivedArtifact> received, int? batchSize, StatTestParameters statTest)
    {
        ArgumentNullException.ThrowIfNull(received);
        ArgumentNullException.ThrowIfNull(statTest);
        var mismatches = new List<long>();
        foreach (var (nonce, vector, _) in received)
        {
            var recomputed = Compute(inputs, nonce, batchSize);
            var distance = Float16Vector.TryDecode(vector, inputs.KDim, out var values, out _)
                ? VectorMath.Distance(recomputed, values)
                : double.PositiveInfinity;
            if (statTest.IsMismatch(distance))
            {
                mismatches.Add(nonce);
            }

            if (_options.Has(FaultKind.ReplayGolden) && values.Length == inputs.KDim)
            {
                _replayed[nonce] = values;
            }
        }

        return Verdict(mismatches, received.Count, statTest);
    }

    /// <summary>The trajectory a backend computes for a nonce (a substituted one where the node is dishonest).</summary>
    public int[] Trajectory(VectorInputs inputs, long nonce, int maxTokens) =>
        DecodeOracle.Trajectory(inputs, nonce, maxTokens, _options.Hardware, IsDishonest(inputs, nonce));

    /// <summary>
    /// Scores each received trajectory teacher-forced and runs the decode test (a nonce mismatches iff a step differs
    /// with a claimed margin above τ), with every nonce's scores in per_nonce, as the plugin answers.
    /// </summary>
    public JObject ValidateDecode(VectorInputs inputs, IReadOnlyList<ReceivedArtifact> received, StatTestParameters statTest)
    {
        ArgumentNullException.ThrowIfNull(received);
        ArgumentNullException.ThrowIfNull(statTest);
        var mismatches = new List<long>();
        var perNonce = new JArray();
        var excluded = received.Take(_options.Find(FaultKind.Unscored) is { } unscored ? (int)unscored.Number(0) : 0).Select(a => a.Nonce).ToList();
        foreach (var artifact in received.Where(a => !excluded.Contains(a.Nonce)))
        {
            var score = DecodeOracle.Score(inputs, artifact.Nonce, artifact.Steps ?? [], _options.Hardware, IsDishonest(inputs, artifact.Nonce));
            var mismatch = MlNode.Tasks.PoC.Decode.DecodeCodebook.IsMismatch(score.Mismatching, score.MarginMax, statTest.DistThreshold);
            if (mismatch)
            {
                mismatches.Add(artifact.Nonce);
            }

            perNonce.Add(new JObject
            {
                ["nonce"] = artifact.Nonce,
                ["n_sphere_mismatches"] = score.Mismatching,
                ["n_steps"] = score.Steps,
                ["mismatch_margin_max"] = score.MarginMax,
                ["mismatch"] = mismatch,
            });
        }

        var reply = Verdict(mismatches, received.Count - excluded.Count, statTest);
        reply["n_excluded"] = excluded.Count;
        reply["excluded_nonces"] = new JArray(excluded);
        reply["per_nonce"] = perNonce;
        return reply;
    }

    // The summary a backend answers, with the faults that make it lie about it (per_nonce, where sent, stays true).
    private JObject Verdict(List<long> mismatches, int total, StatTestParameters statTest)
    {
        if (_options.Has(FaultKind.LyingValidator) || _options.Has(FaultKind.ReplayGolden))
        {
            mismatches.Clear();
        }

        var outcome = statTest.Evaluate(mismatches.Count, total);
        return new JObject
        {
            ["status"] = "completed",
            ["n_total"] = _options.Has(FaultKind.Incoherent) ? total + 1 : total,
            ["n_mismatch"] = mismatches.Count,
            ["mismatch_nonces"] = new JArray(mismatches),
            ["p_value"] = outcome.PValue,
            ["fraud_detected"] = !_options.Has(FaultKind.Lying) && outcome.FraudDetected,
        };
    }

    private bool IsDishonest(VectorInputs inputs, long nonce)
    {
        var fault = _options.Find(FaultKind.Dishonest);
        if (fault is null)
        {
            return false;
        }

        return fault.DishonestNonces() is { } listed
            ? listed.Contains(nonce)
            : VectorOracle.Uniform(inputs, nonce, "dishonest", _options.Seed) < fault.Number(0);
    }
}
