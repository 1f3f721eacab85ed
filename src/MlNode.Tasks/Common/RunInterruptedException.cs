namespace MlNode.Tasks.Common;

/// <summary>Thrown when the run is interrupted (Ctrl-C, SIGTERM): exit 130 with a partial report.</summary>
internal sealed class RunInterruptedException : MlNodeException
{
    /// <summary>Creates the exception.</summary>
    public RunInterruptedException(string message, Exception? innerException = null)
        : base(message, ExitCodes.Interrupted, innerException)
    {
    }
}
