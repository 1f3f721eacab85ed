using MlNode.Tasks.Common;
using MlNode.Tasks.Reports;

namespace MlNode.Tasks.CrossCheck;

/// <summary>
/// One ordered pair of the matrix: the vectors of <see cref="Generator"/> (a node, or the golden reference) judged
/// by <see cref="Validator"/> (a node recomputing them, or the golden's recorded vectors compared locally).
/// </summary>
/// <param name="Generator">Whose vectors were judged.</param>
/// <param name="Validator">Who judged them.</param>
/// <param name="Status">The outcome.</param>
internal sealed record CrossCell(string Generator, string Validator, CrossCellStatus Status)
{
    /// <summary>How a cell is judged by a node: it recomputes the vectors and runs the fraud test itself.</summary>
    public const string ByNode = "node";

    /// <summary>How a cell is judged against the golden: the L2 + binomial test computed here on the recorded vectors.</summary>
    public const string ByRecording = "recorded vectors";

    /// <summary>Gets how the cell was judged (<see cref="ByNode"/> or <see cref="ByRecording"/>).</summary>
    public string JudgedBy { get; init; } = ByNode;

    /// <summary>Gets the nonces judged.</summary>
    public int? NTotal { get; init; }

    /// <summary>Gets how many were farther than dist_threshold.</summary>
    public int? NMismatch { get; init; }

    /// <summary>Gets the mismatching nonces.</summary>
    public IReadOnlyList<long> MismatchNonces { get; init; } = [];

    /// <summary>Gets the binomial tail probability.</summary>
    public double? PValue { get; init; }

    /// <summary>Gets whether the fraud test fired.</summary>
    public bool? FraudDetected { get; init; }

    /// <summary>Gets why the cell could not be judged.</summary>
    public string? Error { get; init; }

    /// <summary>Gets what the mismatches look like and their likely cause (null without mismatches or vectors to compare).</summary>
    public Verification.MismatchAnatomy? Anatomy { get; init; }

    /// <summary>Gets each nonce's decode scores as the validator reported them (decode PoC only; checked against its verdict).</summary>
    public IReadOnlyList<Verification.DecodeNonceScore>? DecodeScores { get; init; }

    /// <summary>Gets the cell's judgement (set by the runner once the cell is verified; every CrossCheck surface renders it).</summary>
    public Judging.Judgement Judgement { get; init; } = new(Verdict.Incomplete);

    /// <summary>Gets how long the judgement took, in seconds.</summary>
    public double? Seconds { get; init; }

    /// <summary>Gets the exit code this cell alone would give (0, 2, 1 or 130): its judgement's.</summary>
    public int ExitCode => Judgement.ExitCode;

    /// <summary>Gets the status as reports print it.</summary>
    public string StatusText => Status.ToString().ToUpperInvariant();

    /// <summary>A cell judged by a validation reply (or its local equivalent).</summary>
    public static CrossCell Judged(string generator, string validator, ValidationSection section, string judgedBy, double seconds)
    {
        ArgumentNullException.ThrowIfNull(section);
        return new CrossCell(generator, validator, section.FraudDetected ? CrossCellStatus.Fail : CrossCellStatus.Pass)
        {
            JudgedBy = judgedBy,
            NTotal = section.NTotal,
            NMismatch = section.NMismatch,
            MismatchNonces = section.MismatchNonces,
            PValue = section.PValue,
            FraudDetected = section.FraudDetected,
            Seconds = Math.Round(seconds, 3),
        };
    }

    /// <summary>A cell that could not be judged.</summary>
    public static CrossCell NotJudged(string generator, string validator, bool interrupted, string reason, string judgedBy = ByNode) =>
        new(generator, validator, interrupted ? CrossCellStatus.Interrupted : CrossCellStatus.Error) { Error = reason, JudgedBy = judgedBy };
}
