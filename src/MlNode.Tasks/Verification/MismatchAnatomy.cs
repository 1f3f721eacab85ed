using System.Globalization;

namespace MlNode.Tasks.Verification;

/// <summary>
/// What a set of mismatches looks like, with the evidence, the likely cause and the next step: a batch stride (the
/// PoC plugin's first-in-batch defect), a uniform shift (a consistent difference in how the node computes), sparse far
/// vectors (the pattern of substituted vectors) or broken vectors; scattered otherwise.
/// </summary>
/// <param name="Kind">One of <see cref="Kinds"/>.</param>
/// <param name="Cause">The likely cause, in one sentence.</param>
/// <param name="NextStep">What to do about it.</param>
/// <param name="Evidence">The numbers the classification rests on.</param>
/// <param name="Stride">The batch stride, when one was found (it may come with another kind).</param>
internal sealed record MismatchAnatomy(string Kind, string Cause, string NextStep, IReadOnlyList<string> Evidence, BatchStride? Stride)
{
    /// <summary>Mismatches concentrated on one position of a batch.</summary>
    public const string BatchStrideKind = "batch stride";

    /// <summary>Most distances in one mode just past the threshold.</summary>
    public const string UniformShift = "uniform shift";

    /// <summary>A subset far beyond the threshold, the rest near zero.</summary>
    public const string SparseFar = "sparse far";

    /// <summary>Vectors that are not vectors: non-finite, zero or constant.</summary>
    public const string Broken = "broken";

    /// <summary>No pattern stands out.</summary>
    public const string Scattered = "scattered";

    /// <summary>Gets every kind, in the order they are tried.</summary>
    public static IReadOnlyList<string> Kinds { get; } = [Broken, BatchStrideKind, UniformShift, SparseFar, Scattered];

    /// <summary>The report's document of this anatomy.</summary>
    public Documents.AnatomyInfo Document() => new()
    {
        Kind = Kind,
        Cause = Cause,
        NextStep = NextStep,
        Evidence = Evidence,
        Stride = Stride is { } s ? new Documents.BatchStrideInfo { Batch = s.Batch, Residue = s.Residue, OnStride = s.OnStride, Mismatches = s.Mismatches,
            StrideNonces = s.StrideNonces, Compared = s.Compared, PValue = s.PValue } : null,
    };

    /// <summary>The cause as one sentence: a batch stride's evidence first, then the likely cause.</summary>
    public string Sentence => Stride is { } s && Kind == BatchStrideKind ? $"{s.Line}; {Cause}" : Cause;

    /// <summary>The "why:" line of a summary.</summary>
    public string Line => $"{Kind}: {Sentence} Next: {NextStep}";

    /// <summary>Classifies mismatches; null when there are none.</summary>
    /// <param name="input">What is known about them.</param>
    public static MismatchAnatomy? Of(AnatomyInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (input.MismatchNonces.Count == 0)
        {
            return null;
        }

        var t = input.Threshold;
        var batches = new[] { input.NodeBatch, input.CollectionBatch }.OfType<int>().Concat(BatchStride.UsualBatches);
        var stride = BatchStride.Find(input.ComparedNonces, input.MismatchNonces, batches);
        var evidence = new List<string>
        {
            string.Create(CultureInfo.InvariantCulture, $"{input.MismatchNonces.Count} of {input.ComparedNonces.Count} nonces beyond {t}"),
        };
        if (stride is not null)
        {
            evidence.Add(stride.Line);
        }

        var notApplied = input.ArgsApplied ? string.Empty : " The args were not applied (vLLM was already running): this points at the running deployment, not at fraud.";
        if (input.Distances is { } distances)
        {
            var nonFinite = distances.Count(d => !double.IsFinite(d.Distance));
            if (nonFinite > 0 || input.BrokenVectors > 0)
            {
                evidence.Add($"{nonFinite} non-finite distances, {input.BrokenVectors} zero or constant vectors");
                return new(
                    Broken,
                    "the node returns vectors that are not vectors (NaN, infinite, zero or constant): a broken kernel, dtype or model load, not a numeric drift.",
                    "check the node's vLLM log and its dtype/quantization; redeploy, and validate again before it takes work",
                    evidence,
                    stride);
            }

            if (stride is not null)
            {
                return StrideAnatomy(stride, evidence, notApplied, input.PocPluginVersion);
            }

            var sorted = distances.Select(d => d.Distance).Order().ToList();
            var beyond = distances.Where(d => d.Distance > t).Select(d => d.Distance).Order().ToList();
            var within = distances.Where(d => d.Distance <= t).Select(d => d.Distance).Order().ToList();
            var median = sorted[sorted.Count / 2];
            evidence.Add(string.Create(CultureInfo.InvariantCulture, $"distances: median {median:0.####}, mismatches' median {beyond[beyond.Count / 2]:0.####}, " +
                $"the rest's median {(within.Count > 0 ? within[within.Count / 2] : 0):0.####}"));
            var share = (double)beyond.Count / sorted.Count;
            var mismatchMedian = beyond[beyond.Count / 2];
            var restMedian = within.Count > 0 ? within[within.Count / 2] : 0;
            if (share >= 0.5 && median <= 3 * t && beyond[(int)(beyond.Count * 0.9)] <= 3 * t)
            {
                return new(
                    UniformShift,
                    "the node computes consistently but differently: most distances sit in one mode just past the threshold (other deploy args, kernels, TP size or GPU class)." + notApplied,
                    "validate with the server's own deploy args (--node-config) and compare hardware classes with --target=CrossCheck before suspecting fraud",
                    evidence,
                    null);
            }

            if (share < 0.5 && mismatchMedian > 3 * t && restMedian <= 0.25 * t)
            {
                return new(SparseFar, "a subset of the vectors is far from the reference while the rest match it closely: " +
                    "the pattern of substituted (uncomputed) vectors.", "treat the node as dishonest until its operator explains it; re-run to see whether the same share recurs", evidence, null);
            }

            return new(Scattered, "no pattern stands out: " +
                "the mismatches vary in size " +
                "and position." + notApplied, "compare the node's deploy args and hardware with the reference's (--node-config, --target=CrossCheck) and validate again", evidence, null);
        }

        return stride is not null
            ? StrideAnatomy(stride, evidence, notApplied, input.PocPluginVersion)
            : new(Scattered, "only the mismatching nonces are known (no distances: --verify-vectors=off), " +
                "and they follow no batch stride.", "run with --verify-vectors=auto to see the distances and the shape of the mismatches", evidence, null);
    }

    // Which side carries the first-in-batch defect, from the PoC plugin version the node reported: a node before 0.1.6
    // has it; a fixed node points at the reference's recording; without a version either side may.
    private static string DefectSide(string? pocPluginVersion)
    {
        var digits = new string((pocPluginVersion ?? string.Empty).TakeWhile(c => char.IsAsciiDigit(c) || c == '.').ToArray());
        if (!Version.TryParse(digits, out var version))
        {
            return "on the node or on the node that recorded the reference.";
        }

        return version < new Version(0, 1, 6)
            ? $"and this node reports gonka-poc {pocPluginVersion}, which has it: upgrade the node (MLNode image 3.1.0 or later)."
            : $"and this node reports gonka-poc {pocPluginVersion}, which is fixed: the reference was likely recorded on a node with the defect; re-bake it on a fixed node.";
    }

    private static MismatchAnatomy StrideAnatomy(BatchStride stride, List<string> evidence, string notApplied, string? pocPluginVersion) =>
        new(BatchStrideKind,
            (stride.Residue == 0
                ? "the first nonce of every batch is off: the first-in-batch defect of the PoC plugin before gonka-poc 0.1.6 (fixed in MLNode image 3.1.0; " +
                    "do not use 3.0.17 for GLM), " + DefectSide(pocPluginVersion)
                : "one position of every batch is off: a batching defect of the PoC plugin or its kernels, not a property of the model.") + notApplied,
            "check the PoC plugin version on both sides (GET /api/v1/versions: gonka_poc_version >= 0.1.6); re-bake the reference on a fixed node if it was recorded with the defect",
            evidence,
            stride);
}

/// <summary>What is known about a set of mismatches.</summary>
/// <param name="ComparedNonces">Every nonce compared.</param>
/// <param name="MismatchNonces">Those beyond the threshold.</param>
/// <param name="Threshold">dist_threshold.</param>
/// <param name="Distances">Every compared nonce's distance, when known (the node's own vectors, or two references).</param>
/// <param name="NodeBatch">The batch size the node computed with, when known.</param>
/// <param name="CollectionBatch">The reference's collection_batch_size, when recorded.</param>
/// <param name="ArgsApplied">False when vLLM was already running and the deploy args were not applied.</param>
/// <param name="BrokenVectors">How many of the node's vectors are zero or constant.</param>
/// <param name="PocPluginVersion">The PoC plugin version the node reported (gonka_poc_version), when it did.</param>
internal sealed record AnatomyInput(
    IReadOnlyCollection<long> ComparedNonces,
    IReadOnlyCollection<long> MismatchNonces,
    double Threshold,
    IReadOnlyList<NonceDistance>? Distances,
    int? NodeBatch,
    int? CollectionBatch,
    bool ArgsApplied = true,
    int BrokenVectors = 0,
    string? PocPluginVersion = null);
