using MlNode.Tasks.PoC;
using MlNode.Tasks.Verification;

namespace MlNode.Tasks.CrossCheck;

/// <summary>
/// One ordered pair of hardware classes under decode PoC: the claimed margins its validator found on the generator's
/// trajectories, and the smallest τ at which that many honest nonces stay below the fraud test's threshold.
/// </summary>
/// <param name="Generator">The class whose trajectories were re-run (<c>recorded</c> for the golden).</param>
/// <param name="Validator">The class that re-ran them.</param>
/// <param name="Compared">Nonces scored.</param>
/// <param name="Differing">Nonces with at least one differing step.</param>
/// <param name="Margins">mismatch_margin_max of those nonces, largest first.</param>
/// <param name="MismatchesAtTau">Nonces beyond the run's τ.</param>
/// <param name="Allowed">The most mismatches the binomial test lets pass for <paramref name="Compared"/> nonces.</param>
internal sealed record TauPair(string Generator, string Validator, int Compared, int Differing, IReadOnlyList<double> Margins, int MismatchesAtTau, int Allowed)
{
    /// <summary>Gets the smallest τ at which this pair's mismatch count stays within <see cref="Allowed"/> (0 when any τ does).</summary>
    public double TauNeeded => Margins.Count > Allowed ? Margins[Allowed] : 0;

    /// <summary>Gets how many more honest mismatches the pair could have at the run's τ before it reads as fraud (negative: it does).</summary>
    public int Headroom => Allowed - MismatchesAtTau;

    /// <summary>Gets a margin quantile over the nonces with a differing step (0 when there are none).</summary>
    public double Quantile(double q) => Margins.Count == 0 ? 0 : Margins[Math.Clamp((int)Math.Ceiling((1 - q) * Margins.Count) - 1, 0, Margins.Count - 1)];
}

/// <summary>
/// The τ table a CrossCheck under a decode reference measures (decode-poc.md): for every ordered pair of hardware classes,
/// the spread of claimed margins on honest nonces and the smallest τ at which no pair's mismatch count reaches the fraud
/// threshold for the stat test's p_mismatch; and the model's τ, the largest of those.
/// </summary>
/// <param name="Pairs">Every ordered class pair with judged cells, generator then validator order.</param>
/// <param name="StatTest">The stat test the matrix ran (τ, p_mismatch, fraud_threshold).</param>
internal sealed record TauCalibration(IReadOnlyList<TauPair> Pairs, StatTestParameters StatTest)
{
    /// <summary>Gets the smallest τ at which no honest pair reads as fraud: the largest any pair needs.</summary>
    public double TauNeeded => Pairs.Count == 0 ? 0 : Pairs.Max(p => p.TauNeeded);

    /// <summary>Gets the pair that needs it, or null when no pair has a differing step.</summary>
    public TauPair? Tightest => Pairs.Where(p => p.TauNeeded > 0).OrderByDescending(p => p.TauNeeded).FirstOrDefault();

    /// <summary>Gets the fewest mismatches any pair has to spare at the run's τ before the fraud test fires.</summary>
    public int Headroom => Pairs.Count == 0 ? 0 : Pairs.Min(p => p.Headroom);

    /// <summary>Measures the table from a decode matrix's judged cells (null for a prefill matrix or one without judged cells).</summary>
    public static TauCalibration? Of(CrossMatrix matrix)
    {
        ArgumentNullException.ThrowIfNull(matrix);
        var statTest = matrix.Plan.StatTest;
        var pairs = matrix.Cells
            .Where(c => c.DecodeScores is not null && c.Status is CrossCellStatus.Pass or CrossCellStatus.Fail)
            .GroupBy(c => (Generator: matrix.HardwareOf(c.Generator), Validator: matrix.HardwareOf(c.Validator)))
            .Select(g => Pair(g.Key.Generator, g.Key.Validator, [.. g.SelectMany(c => c.DecodeScores!)], statTest))
            .OrderBy(p => p.Generator, StringComparer.Ordinal).ThenBy(p => p.Validator, StringComparer.Ordinal)
            .ToList();
        return pairs.Count == 0 ? null : new TauCalibration(pairs, statTest);
    }

    // Cells of one class pair are pooled: every nonce scored is one draw of the pair's honest disagreement.
    private static TauPair Pair(string generator, string validator, IReadOnlyList<DecodeNonceScore> scores, StatTestParameters statTest)
    {
        var margins = scores.Where(s => s.MismatchingSteps > 0).Select(s => s.MarginMax).OrderByDescending(m => m).ToList();
        return new TauPair(generator, validator, scores.Count, margins.Count, margins, scores.Count(s => s.Mismatch), Allowed(scores.Count, statTest));
    }

    /// <summary>The most mismatches among <paramref name="n"/> nonces that the binomial test lets pass.</summary>
    public static int Allowed(int n, StatTestParameters statTest)
    {
        ArgumentNullException.ThrowIfNull(statTest);
        var k = 0;
        while (k < n && !statTest.Evaluate(k + 1, n).FraudDetected)
        {
            k++;
        }

        return k;
    }
}
