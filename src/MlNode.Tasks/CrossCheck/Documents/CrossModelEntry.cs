using MlNode.Tasks.Documents;

namespace MlNode.Tasks.CrossCheck.Documents;

/// <summary>One model's matrix.</summary>
internal sealed record CrossModelEntry
{
    /// <summary>Gets the model.</summary>
    public string Model { get; init; } = string.Empty;

    /// <summary>Gets the golden reference the matrix is anchored to (its PoC params and the extra row and column).</summary>
    public string Reference { get; init; } = string.Empty;

    /// <summary>Gets the stat test every validation used.</summary>
    public StatTestTriple<double> StatTest { get; init; } = new();

    /// <summary>Gets the matrix's wall time in seconds.</summary>
    public double DurationS { get; init; }

    /// <summary>Gets the matrix's exit code.</summary>
    public int ExitCode { get; init; }

    /// <summary>Gets the nodes, in matrix order.</summary>
    public IReadOnlyList<CrossNodeEntry> Nodes { get; init; } = [];

    /// <summary>Gets every ordered pair: generator (rows) judged by validator (columns), the golden's included.</summary>
    public IReadOnlyList<CrossCellEntry> Cells { get; init; } = [];

    /// <summary>Gets the local distance distribution of every unordered pair of sources.</summary>
    public IReadOnlyList<CrossDistanceEntry> Distances { get; init; } = [];

    /// <summary>Gets every job each node did, in start order (one at a time per node).</summary>
    public IReadOnlyList<CrossJobEntry> Jobs { get; init; } = [];

    /// <summary>Gets the PoC scheme of the golden: prefill or decode.</summary>
    public string Scheme { get; init; } = "prefill";

    /// <summary>Gets the τ table (decode only; absent under prefill).</summary>
    [Newtonsoft.Json.JsonProperty(NullValueHandling = Newtonsoft.Json.NullValueHandling.Ignore)]
    public TauCalibrationEntry? TauCalibration { get; init; }
}
