
namespace MlNode.Tasks.Common;

/// <summary>
/// Thrown by the Validate task when the node's fraud test fired, so that Cake tasks depending on Validate (a
/// rollout, say) do not run. It is a verdict, not an error: the run's report says FAIL and the exit code is 2.
/// </summary>
internal sealed class FraudDetectedException : MlNodeException
{
    /// <summary>Creates the exception.</summary>
    public FraudDetectedException(string message)
        : base(message, ExitCodes.Fraud)
    {
    }
}
