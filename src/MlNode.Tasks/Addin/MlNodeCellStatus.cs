namespace MlNode.Tasks.Addin;

/// <summary>How one ordered pair of a cross-check ended: the validator's judgement of the generator's vectors.</summary>
public enum MlNodeCellStatus
{
    /// <summary>The validator accepted the vectors (mismatches, if any, within the fraud test).</summary>
    Pass,

    /// <summary>The validator's fraud test fired: on chain, the generator would be voted invalid.</summary>
    Fail,

    /// <summary>The pair could not be judged.</summary>
    Error,

    /// <summary>The run was interrupted before the pair was judged.</summary>
    Interrupted,
}
