using MlNode.Tasks.Common;

namespace MlNode.Tasks.CrossCheck;

/// <summary>One model's finished matrix: every ordered pair's cell, every pair's distances and the jobs' timeline.</summary>
/// <param name="Plan">What was asked.</param>
/// <param name="Generated">What each node generated (or why it did not).</param>
/// <param name="Cells">Every ordered pair, the golden's row and column included.</param>
/// <param name="Distances">The local distance distribution of every unordered pair of sources.</param>
/// <param name="Jobs">Every job each node did.</param>
/// <param name="Seconds">The matrix's wall time.</param>
internal sealed record CrossMatrix(
    CrossModelPlan Plan,
    IReadOnlyList<GeneratedVectors> Generated,
    IReadOnlyList<CrossCell> Cells,
    IReadOnlyList<CrossDistance> Distances,
    IReadOnlyList<CrossJob> Jobs,
    double Seconds)
{
    /// <summary>Gets the sources in matrix order: the golden first (when it anchors the matrix), then the nodes.</summary>
    public IReadOnlyList<string> Sources =>
        Cells.Any(c => c.Generator == CrossSchedule.Golden || c.Validator == CrossSchedule.Golden)
            ? [CrossSchedule.Golden, .. Plan.Nodes.Select(n => n.Id)]
            : [.. Plan.Nodes.Select(n => n.Id)];

    /// <summary>Gets the one exit code of the matrix (the worst cell: 130, then 2, then 1, then 0).</summary>
    public int ExitCode => ExitCodes.Worst(Cells.Select(c => c.ExitCode));

    /// <summary>Gets the τ table under a decode reference (null under prefill), measured once by the runner.</summary>
    public TauCalibration? Tau { get; init; }

    /// <summary>The cell of an ordered pair, or null.</summary>
    public CrossCell? Cell(string generator, string validator) =>
        Cells.FirstOrDefault(c => c.Generator == generator && c.Validator == validator);

    /// <summary>A source's GPU class (the golden's is its recording's).</summary>
    public string HardwareOf(string source) =>
        Plan.Nodes.FirstOrDefault(n => n.Id == source)?.Hardware ?? "recorded";

    /// <summary>
    /// The hardware as a reader sees it: a node whose definition names none is a class of its own (its class key
    /// repeats its id), shown as "hardware unknown" rather than <c>127.0.0.1:42663 (unknown (127.0.0.1:42663))</c>.
    /// </summary>
    public string ShownHardware(string source) =>
        HardwareOf(source) is var hardware && hardware == CrossNode.UnknownClass(source) ? "hardware unknown" : hardware;

    /// <summary>
    /// Every pair whose fraud test fired, worded the way an operator has to hear it: "vectors from node3 (H200) are
    /// judged fraud by node1 (B200)".
    /// </summary>
    public IEnumerable<string> Incompatible() => Cells
        .Where(c => c.Status == CrossCellStatus.Fail)
        .Select(c => $"{(c.Generator == CrossSchedule.Golden ? $"the golden reference's {Work} are" : $"{Work} from {Who(c.Generator)} are")} judged fraud by {Who(c.Validator)}: " +
                     $"{c.NMismatch}/{c.NTotal} nonces beyond {Threshold}" +
                     (c.Judgement.Cause is { } why ? $"; why: {why.Line}" : string.Empty));

    /// <summary>
    /// Who the disagreements gather on, most first: the source in the most failing cells takes them, then the next
    /// among those left, so one B200 that every other class refuses reads as one cause, not six pairs
    /// ("node4 (NVIDIA B200) disagrees with every other source (6 of 6 incompatible ordered pairs)").
    /// </summary>
    public IEnumerable<string> Causes()
    {
        var left = Cells.Where(c => c.Status == CrossCellStatus.Fail).ToList();
        var total = left.Count;
        while (left.Count > 0)
        {
            var source = left.SelectMany(c => new[] { c.Generator, c.Validator }).GroupBy(s => s).OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal).First().Key;
            var taken = left.Where(c => c.Generator == source || c.Validator == source).ToList();
            var partners = taken.Select(c => c.Generator == source ? c.Validator : c.Generator).Distinct().Count();
            var others = Sources.Count - 1;
            var whom = partners == others ? "every other source" : $"{partners} of the {others} other sources";
            yield return $"{Who(source)} disagrees with {whom} ({taken.Count} of {total} incompatible ordered pairs)";
            left.RemoveAll(taken.Contains);
        }
    }

    // The threshold as the lines say it: a margin τ under decode, an L2 distance under prefill.
    private string Threshold => (Plan.Golden.Header.Scheme == PoC.PocScheme.Decode ? "τ " : string.Empty) + Plan.StatTest.DistThreshold.ToString(System.Globalization.CultureInfo.InvariantCulture);

    // What a source produces under the matrix's scheme.
    private string Work => Plan.Golden.Header.Scheme == PoC.PocScheme.Decode ? "trajectories" : "vectors";

    // A node with its class, e.g. "node3 (NVIDIA H200)"; the golden by what it is (it has no hardware of its own here).
    private string Who(string source) => source == CrossSchedule.Golden ? "the golden reference (its recorded vectors)" : $"{source} ({ShownHardware(source)})";
}
