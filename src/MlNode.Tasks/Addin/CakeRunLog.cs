using Cake.Core.Diagnostics;
using MlNode.Tasks.Common;

namespace MlNode.Tasks.Addin;

/// <summary>A run's lines written to Cake's own log (secrets masked), for pipelines that call the aliases.</summary>
internal sealed class CakeRunLog(ICakeLog log, SecretRedactor redactor) : IRunLog
{
    public void Line(string text) => log.Write(Verbosity.Normal, LogLevel.Information, "{0}", Safe(text));

    public void Warning(string text) => log.Write(Verbosity.Minimal, LogLevel.Warning, "{0}", "WARNING: " + Safe(text));

    public void Error(string text) => log.Write(Verbosity.Quiet, LogLevel.Error, "{0}", "ERROR: " + Safe(text));

    private string Safe(string text) => OutsideText.LogLine(redactor.Redact(text));

    public IDisposable Group(string title) => Closing.Nothing;
}
