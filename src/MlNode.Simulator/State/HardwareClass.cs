using System.Globalization;

namespace MlNode.Simulator.State;

/// <summary>
/// The GPU class a simulated node computes on. Real vectors differ a little between hardware classes (kernels,
/// reduction order) and, for some pairs, a lot on a few nonces (gonka #1691: H200 and Blackwell nodes voted each
/// other invalid). Every class moves each vector slightly in a direction of its own; a class with a divergence
/// also computes that fraction of the nonces (the same ones on every node of the class) far from everyone else.
/// </summary>
/// <param name="Name">The class as the Admin API's <c>hardware[].type</c> shows it, e.g. <c>NVIDIA H200</c>.</param>
/// <param name="Divergence">The fraction of nonces this class computes far from every other class (0 to 1).</param>
public sealed record HardwareClass(string Name, double Divergence)
{
    /// <summary>How far a class moves every vector before normalization: distances of about 0.014 between classes.</summary>
    public const double ClassPerturbation = 0.01;

    /// <summary>How far a diverging nonce is moved: far beyond any consensus threshold.</summary>
    public const double DivergentPerturbation = 1.5;

    /// <summary>
    /// The standard deviation by which a class moves each decode score (a cosine): two classes then disagree on a few
    /// percent of steps (the near ties: 4.5 % of them over 200 nonces), with claimed margins below 0.01.
    /// </summary>
    public const double DecodeJitter = 0.002;

    /// <summary>The same on the nonces the class diverges on: margins of 0.015 to 0.065, across the τ values under discussion.</summary>
    public const double DecodeDivergentJitter = 0.015;

    /// <summary>Parses <c>&lt;class&gt;[:&lt;fraction&gt;]</c>, e.g. <c>NVIDIA B200:0.3</c>.</summary>
    /// <exception cref="FormatException">The class is empty or the fraction is not in [0, 1].</exception>
    public static HardwareClass Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        // "<class>:<fraction>" when what follows the last colon is a number; otherwise the colon belongs to the name.
        var colon = text.LastIndexOf(':');
        var name = text.Trim();
        var divergence = 0.0;
        if (colon >= 0 && double.TryParse(text[(colon + 1)..], NumberStyles.Float, CultureInfo.InvariantCulture, out var fraction))
        {
            name = text[..colon].Trim();
            divergence = fraction;
        }

        if (name.Length == 0)
        {
            throw new FormatException($"--hardware={text} names no class; give e.g. --hardware=\"NVIDIA H200\" or --hardware=B200:0.3");
        }

        return divergence is >= 0 and <= 1
            ? new HardwareClass(name, divergence)
            : throw new FormatException($"--hardware={text}: the divergence must be a fraction between 0 and 1");
    }
}
