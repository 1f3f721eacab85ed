using MlNode.Tasks.Common;
using MlNode.Tasks.Reports;
using MlNode.Tasks.Documents;

namespace MlNode.Tasks.Cake;

/// <summary>
/// What the passes of one invocation ended with: an exit code per pass and the report of each validation run. The
/// process's exit code is decided here, and only here: the worst of the passes' codes.
/// </summary>
internal sealed class BuildResults
{
    private readonly List<int> _codes = [];
    private readonly List<ValidateReport> _reports = [];

    private object? _fleet;

    /// <summary>Gets the text a target prints as its only standard output (FleetPlan's matrix), or null.</summary>
    public string? Output { get; private set; }

    /// <summary>Gets how many passes have ended.</summary>
    public int Count => _codes.Count;

    /// <summary>Gets the exit code of the invocation so far.</summary>
    public int ExitCode => ExitCodes.Worst(_codes);

    /// <summary>Records a pass that ended without a validation report (bad input, a failed tool, a bake).</summary>
    public void Record(int code) => _codes.Add(code);

    /// <summary>Records a validation run's report and exit code.</summary>
    public void Record(int code, RunReport report)
    {
        _codes.Add(code);
        _reports.Add(ReportDocument.Report(report));
    }

    /// <summary>Records a fleet run: its exit code (decided by the fleet's own rule) and its report document.</summary>
    public void RecordFleet(int code, object document)
    {
        _codes.Add(code);
        _fleet = document;
    }

    /// <summary>Records a target's machine-readable output and its exit code.</summary>
    public void RecordOutput(int code, string output)
    {
        _codes.Add(code);
        Output = output;
    }

    /// <summary>The closing line of --all-references: each reference's verdict and the exit code.</summary>
    public string ManyRunsLine(int passes) =>
        $"--all-references: {passes} references, verdicts: {string.Join("; ", _reports.Select(r => $"{Path.GetFileName(r.Reference.Path)}: {r.Verdict}"))}; exit code {ExitCode}";

    /// <summary>The document --output=json prints: the run's report, or one that lists every run's; null without a run.</summary>
    public object? JsonDocument() => _fleet ?? _reports.Count switch
    {
        0 => null,
        1 => _reports[0],
        _ => new RunsDocument { Verdict = _reports.All(r => r.ExitCode == ExitCodes.Pass) ? "PASS" : "see runs", ExitCode = ExitCode, Runs = _reports },
    };
}
