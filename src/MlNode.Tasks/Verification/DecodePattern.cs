namespace MlNode.Tasks.Verification;

/// <summary>What a decode validation's mismatches look like: substituted trajectories or near ties, with the next step.</summary>
/// <param name="Kind"><see cref="Substituted"/> or <see cref="NearTies"/>.</param>
/// <param name="Sentence">The evidence and what it is the pattern of, in one sentence.</param>
/// <param name="NextStep">What to do about it.</param>
internal sealed record DecodePattern(string Kind, string Sentence, string NextStep)
{
    /// <summary>Margins far above τ, most steps differing: a prover that did not run the model.</summary>
    public const string Substituted = "substituted trajectories";

    /// <summary>Margins just above τ on a few steps: honest hardware and a τ too tight for it.</summary>
    public const string NearTies = "near ties";

    /// <summary>Gets the pattern as one line: "near ties: ...".</summary>
    public string Line => $"{Kind}: {Sentence}";
}
