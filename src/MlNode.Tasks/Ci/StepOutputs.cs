using System.Globalization;
using MlNode.Tasks.Configuration;
using MlNode.Tasks.Reports;
using MlNode.Tasks.Running;

namespace MlNode.Tasks.Ci;

/// <summary>The outputs a pipeline step exposes to the steps after it. Every value is a single line.</summary>
internal static class StepOutputs
{
    /// <summary>verdict, exit_code, throughput_nonces_per_second, n_mismatch, p_value, experiment_dir, and gate (PASS or FAIL) when gates were asked for.</summary>
    public static IReadOnlyList<KeyValuePair<string, string>> Of(RunOutcome outcome)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        var report = outcome.Report;
        var validated = report.Phases[Phase.Validate].State == PhaseState.Completed;
        List<KeyValuePair<string, string>> outputs =
        [
            new("verdict", report.Judgement.Verdict.Label),
            new("exit_code", outcome.ExitCode.ToString(CultureInfo.InvariantCulture)),
            new("throughput_nonces_per_second", report.Throughput.Summary is { } t ? t.AverageSum.ToString("0.###", CultureInfo.InvariantCulture) : string.Empty),
            new("n_mismatch", validated ? report.Validation.NMismatch.ToString(CultureInfo.InvariantCulture) : string.Empty),
            new("p_value", validated ? report.Validation.PValue.ToString("G6", CultureInfo.InvariantCulture) : string.Empty),
            new("experiment_dir", SingleLine(report.ExperimentDirectory)),
        ];

        // Only runs that asked for gates have a gate outcome; the outputs of every other run stay as they were.
        if (report.Gates.Count > 0)
        {
            outputs.Add(new("gate", report.Gates.All(g => g.Passed) ? "PASS" : "FAIL"));
        }

        return outputs;
    }

    /// <summary>A value on one line, its control characters escaped (it may carry a node's text).</summary>
    public static string SingleLine(string value) => Common.OutsideText.OneLine(value);
}
