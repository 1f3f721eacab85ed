using System.Globalization;
using MlNode.Tasks.Common;
using MlNode.Tasks.Running;

namespace MlNode.Tasks.Ci;

/// <summary>
/// GitLab CI: collapsible log sections (GitLab's section escape lines; Cake has no command for them). The JUnit
/// file is picked up by the pipeline's <c>artifacts:reports:junit</c>, see docs/ci/gitlab-ci.yml.
/// </summary>
internal sealed class GitLabCiReporter(TextWriter console, TimeProvider time) : IPipelineReporter
{
    private int _sections;

    /// <inheritdoc />
    public string Name => "GitLab CI";

    /// <inheritdoc />
    public IDisposable Group(string title)
    {
        var name = "mlnode_phase_" + Interlocked.Increment(ref _sections).ToString(CultureInfo.InvariantCulture);
        console.WriteLine($"\u001b[0Ksection_start:{time.GetUtcNow().ToUnixTimeSeconds()}:{name}[collapsed=false]\r\u001b[0K{StepOutputs.SingleLine(title)}");
        return new Closing(() => console.WriteLine($"\u001b[0Ksection_end:{time.GetUtcNow().ToUnixTimeSeconds()}:{name}\r\u001b[0K"));
    }

    /// <inheritdoc />
    public void Publish(RunOutcome outcome)
    {
    }

    /// <inheritdoc />
    public void Error(string message)
    {
    }
}
