namespace MlNode.Tasks.CrossCheck;

/// <summary>What one ordered pair of the matrix came to.</summary>
internal enum CrossCellStatus
{
    /// <summary>The validator accepted the generator's vectors (mismatches, if any, within the fraud test).</summary>
    Pass,

    /// <summary>The validator's fraud test fired on the generator's vectors: on chain, this generator is voted invalid.</summary>
    Fail,

    /// <summary>The pair could not be judged (a node failed, or its reply could not be believed).</summary>
    Error,

    /// <summary>The run was interrupted before the pair was judged.</summary>
    Interrupted,
}
