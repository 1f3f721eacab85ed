namespace MlNode.Tasks.Common;

/// <summary>
/// An expected failure that ends a run with a one-line <c>ERROR:</c> message and an exit code, never a
/// stack trace. The message says what is wrong and, where the caller can act, how to fix it.
/// </summary>
internal class MlNodeException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">One line: what is wrong and how to fix it (without the <c>ERROR:</c> prefix).</param>
    /// <param name="exitCode">The process exit code this failure maps to.</param>
    /// <param name="innerException">The underlying cause, kept for diagnostics only.</param>
    public MlNodeException(string message, int exitCode = ExitCodes.Error, Exception? innerException = null)
        : base(message, innerException)
    {
        ExitCode = exitCode;
    }

    /// <summary>Gets the exit code the process ends with.</summary>
    public int ExitCode { get; }
}

/// <summary>Bad input from the caller (arguments, configuration, reference files): exit 1, nothing written.</summary>
internal sealed class InputException : MlNodeException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What is wrong with the input and how to fix it.</param>
    /// <param name="detail">Optional extra lines printed after the ERROR line (lists, commands to run).</param>
    public InputException(string message, string? detail = null)
        : base(message)
    {
        Detail = detail;
    }

    /// <summary>Gets extra lines shown after the ERROR line, or null.</summary>
    public string? Detail { get; }
}

/// <summary>A phase could not complete (node failure, timeout, unexpected reply): exit 1.</summary>
internal sealed class PhaseFailedException : MlNodeException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">The failure, worded as in the contract's "Failure modes".</param>
    /// <param name="innerException">The underlying cause, if any.</param>
    public PhaseFailedException(string message, Exception? innerException = null)
        : base(message, ExitCodes.Error, innerException)
    {
    }
}
