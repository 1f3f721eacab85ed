using MlNode.Tasks.Common;
using MlNode.Tasks.Reports;

namespace MlNode.Tasks.Running;

/// <summary>Passes lines through to another log and keeps every warning in the run's report.</summary>
internal sealed class ReportingLog(IRunLog inner, RunReport report) : IRunLog
{
    public void Line(string text) => inner.Line(text);

    public void Warning(string text)
    {
        report.Warnings.Add(report.Redactor.Redact(text));
        inner.Warning(text);
    }

    public void Error(string text) => inner.Error(text);

    public IDisposable Group(string title) => inner.Group(title);
}
