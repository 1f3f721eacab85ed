namespace MlNode.Tasks.Judging;

/// <summary>Why a judgement came out as it did: the pattern's kind and one sentence that claims no more than the evidence.</summary>
/// <param name="Kind">A short name (sparse far, near ties, deploy failed, gate, ...).</param>
/// <param name="Sentence">One sentence, ending with a full stop or not; never more than one line.</param>
internal sealed record JudgedCause(string Kind, string Sentence)
{
    /// <summary>Gets the cause as one line: "kind: sentence".</summary>
    public string Line => $"{Kind}: {Sentence}";
}
