using MlNode.Tasks.Common;
using System.Globalization;
using System.Xml.Linq;
using MlNode.Tasks.Configuration;

namespace MlNode.Tasks.Reports;

/// <summary>
/// validate_junit.xml: the run as JUnit XML in the subset every CI system imports (GitHub via test-reporter
/// actions, GitLab <c>artifacts:reports:junit</c>, Azure Pipelines, Jenkins, TeamCity): one test suite per run,
/// one test case per phase; a skipped phase is <c>skipped</c>, a hard error is <c>error</c>, fraud is <c>failure</c>.
/// The file also validates against the schema the Jenkins xUnit plugin checks imports with (junit-10.xsd), the
/// strictest of these consumers.
/// </summary>
internal static class JUnitReport
{
    /// <summary>Renders the report as JUnit XML.</summary>
    public static string Render(RunReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var s = report.Settings;
        var cases = PhaseNames.InOrder.Select(p => TestCase(report, p)).Concat(report.Gates.Select(g => GateCase(report, g))).ToList();
        var failures = cases.Count(c => c.Element("failure") is not null);
        var errors = cases.Count(c => c.Element("error") is not null);
        var skipped = cases.Count(c => c.Element("skipped") is not null);
        var time = Durations.Exact(report.Phases.Values.Sum(p => p.ElapsedSeconds ?? 0));
        var suite = new XElement(
            "testsuite",
            new XAttribute("name", $"mlnode-validate {s.Model} @ {s.Node.Display}"),
            new XAttribute("tests", cases.Count),
            new XAttribute("failures", failures),
            new XAttribute("errors", errors),
            new XAttribute("skipped", skipped),
            new XAttribute("time", time),
            new XAttribute("timestamp", report.StartedAt.ToString("yyyy-MM-ddTHH:mm:ss", CultureInfo.InvariantCulture)),
            new XElement(
                "properties",
                Property("verdict", report.Verdict.Text),
                Property("judgement", report.Judgement.Headline),
                Property("exit_code", report.IsFinished ? report.ExitCode.ToString(CultureInfo.InvariantCulture) : "running"),
                Property("mlnode_url", s.Node.Display),
                Property("model", s.Model.Value),
                Property("reference", s.Reference.FilePath ?? string.Empty),
                Property("dist_threshold", $"{SummaryRenderer.Number(s.StatTest.DistThreshold.Value)} ({s.StatTest.DistThreshold.Source.Display()})"),
                Property("p_mismatch", $"{SummaryRenderer.Number(s.StatTest.PMismatch.Value)} ({s.StatTest.PMismatch.Source.Display()})"),
                Property("fraud_threshold", $"{SummaryRenderer.Number(s.StatTest.FraudThreshold.Value)} ({s.StatTest.FraudThreshold.Source.Display()})"),
                Property("experiment_dir", report.ExperimentDirectory)),
            cases);
        var document = new XDocument(
            new XDeclaration("1.0", "utf-8", null),
            new XElement(
                "testsuites",
                new XAttribute("name", "MlNode.Tasks"),
                new XAttribute("tests", cases.Count),
                new XAttribute("failures", failures),
                new XAttribute("errors", errors),
                // No "skipped" here: Jenkins' xUnit schema allows it on <testsuite> only and rejects the whole file.
                new XAttribute("time", time),
                suite));
        return XmlText.Render(document);
    }

    private static XElement TestCase(RunReport report, Phase phase)
    {
        var record = report.Phases[phase];
        var element = new XElement(
            "testcase",
            new XAttribute("classname", $"mlnode.validate.{report.Settings.Model.Sanitized}"),
            new XAttribute("name", phase.Header()),
            new XAttribute("time", Durations.Exact(record.ElapsedSeconds ?? 0)));
        switch (record.State)
        {
            case PhaseState.Skipped:
                element.Add(new XElement("skipped", new XAttribute("message", record.Reason ?? "skipped")));
                break;
            case PhaseState.Pending:
                element.Add(new XElement("skipped", new XAttribute("message", report.ErrorPhase is { } failed ? $"not reached: {failed.Key()} failed" : "not reached")));
                break;
            case PhaseState.Running:
                element.Add(Error("the run has not finished (or was killed) while this phase ran", "Incomplete"));
                break;
            case PhaseState.Interrupted:
                element.Add(Error(report.Error ?? "interrupted", "Interrupted"));
                break;
            case PhaseState.Failed:
                element.Add(Error(report.Error ?? "failed", "PhaseFailed"));
                break;
            case PhaseState.Completed when phase == Phase.Validate && report.Validation.FraudDetected:
                element.Add(Fraud(report));
                break;
            case PhaseState.Completed:
                element.Add(new XElement("system-out", Detail(report, phase)));
                break;
        }

        return element;
    }

    // One test case per gate: a failed gate is a failure with what was measured against the limit.
    private static XElement GateCase(RunReport report, GateResult gate)
    {
        var element = new XElement(
            "testcase",
            new XAttribute("classname", $"mlnode.validate.{report.Settings.Model.Sanitized}"),
            new XAttribute("name", "gate: " + gate.Name),
            new XAttribute("time", Durations.Exact(0)));
        element.Add(gate.Passed
            ? new XElement("system-out", $"{gate.Text} ({gate.Detail})")
            : new XElement("failure", new XAttribute("message", "gate FAILED: " + gate.Text), new XAttribute("type", "GateFailed"), $"{gate.Text} ({gate.Detail})"));
        return element;
    }

    private static XElement Error(string message, string type) =>
        new("error", new XAttribute("message", "ERROR: " + message), new XAttribute("type", type), "ERROR: " + message);

    private static XElement Fraud(RunReport report)
    {
        var v = report.Validation;
        var s = report.Settings.StatTest;
        var message = report.Judgement.Headline;
        var detail = string.Create(
            CultureInfo.InvariantCulture,
            $"{message}\nmismatch_nonces={string.Join(", ", v.MismatchNonces.Take(50))}{(v.MismatchNonces.Count > 50 ? " ..." : string.Empty)}\n" +
            $"stat_test: dist_threshold={SummaryRenderer.Number(s.DistThreshold.Value)} ({s.DistThreshold.Source.Display()}), " +
            $"p_mismatch={SummaryRenderer.Number(s.PMismatch.Value)} ({s.PMismatch.Source.Display()}), " +
            $"fraud_threshold={SummaryRenderer.Number(s.FraudThreshold.Value)} ({s.FraudThreshold.Source.Display()})") + DecodeDetail(v);
        return new XElement("failure", new XAttribute("message", message), new XAttribute("type", "FraudDetected"), detail);
    }

    private static string Detail(RunReport report, Phase phase) => phase switch
    {
        Phase.Download => $"action={report.Download.Action}",
        Phase.Deploy => $"action={report.Deploy.Action} applied={report.Deploy.Applied.ToString().ToLowerInvariant()}",
        Phase.Throughput when report.Throughput.Summary is { } t => string.Create(
            CultureInfo.InvariantCulture,
            $"backends={t.Backends} avg_sum={t.AverageSum:0.00} nonces/s counter={t.CounterRate:0.00} nonces/s{string.Concat(t.SlowReplicas.Select(r => "\n" + r))}"),
        Phase.Validate => string.Create(
            CultureInfo.InvariantCulture,
            $"n_total={report.Validation.NTotal} n_mismatch={report.Validation.NMismatch} p_value={report.Validation.PValue:G6} verdict={report.Verdict.Text}") + DecodeDetail(report.Validation),
        _ => string.Empty,
    };

    // Under decode PoC the margins are the evidence: the same lines as the summary (histogram with τ marked, and why).
    private static string DecodeDetail(ValidationSection v) =>
        v.Decode is { } decode ? string.Concat(SummaryRenderer.DecodeLines(decode).Select(l => "\n" + l.Trim())) : string.Empty;

    /// <summary>A JUnit <c>&lt;property&gt;</c>.</summary>
    internal static XElement Property(string name, string value) => new("property", new XAttribute("name", name), new XAttribute("value", value));

}
