using System.Globalization;
using System.Xml.Linq;
using MlNode.Tasks.Common;
using MlNode.Tasks.Reports;

namespace MlNode.Tasks.Fleet;

/// <summary>
/// fleet_junit.xml: one test suite per (node, model) pair with one test case for its verdict, so a CI system's test
/// view lists the fleet pair by pair. Fraud is a failure, an error or a refusal an error (a refusal accepted with
/// --refused-ok is skipped), a failed gate a failure. Valid against Jenkins' junit-10.xsd like validate_junit.xml.
/// </summary>
internal static class FleetJUnit
{
    /// <summary>Renders the file.</summary>
    public static string Render(FleetRun run)
    {
        ArgumentNullException.ThrowIfNull(run);
        var suites = run.Result.Rows.Select(r => Suite(r, run)).ToList();
        var document = new XDocument(
            new XDeclaration("1.0", "utf-8", null),
            new XElement(
                "testsuites",
                new XAttribute("name", "MlNode.Tasks fleet"),
                new XAttribute("tests", suites.Count),
                new XAttribute("failures", suites.Sum(s => (int)s.Attribute("failures")!)),
                new XAttribute("errors", suites.Sum(s => (int)s.Attribute("errors")!)),
                new XAttribute("time", Durations.Exact(run.Duration ?? 0)),
                suites));
        return XmlText.Render(document);
    }

    private static XElement Suite(FleetRow row, FleetRun run)
    {
        var testCase = new XElement(
            "testcase",
            new XAttribute("classname", $"mlnode.fleet.{row.NodeId}"),
            new XAttribute("name", $"validate {row.Model}"),
            new XAttribute("time", Durations.Exact(row.DurationSeconds ?? 0)));
        var detail = $"{row.StatusText} node={row.NodeId} url={row.MlNodeUrl} model={row.Model} exit_code={row.ExitCode}" +
                     (row.ExperimentDirectory is null ? string.Empty : $" experiment_dir={row.ExperimentDirectory}");
        switch (row.Status)
        {
            case FleetStatus.Fail:
                testCase.Add(new XElement("failure", new XAttribute("message", row.Judgement?.Headline ?? row.Label), new XAttribute("type", "FraudDetected"), detail));
                break;
            case FleetStatus.Error:
                testCase.Add(new XElement("error", new XAttribute("message", "ERROR: " + row.Error), new XAttribute("type", "PairFailed"), detail));
                break;
            case FleetStatus.Refused when run.Result.RefusedOk:
                testCase.Add(new XElement("skipped", new XAttribute("message", "refused: " + row.RefusalReason)));
                break;
            case FleetStatus.Refused:
                testCase.Add(new XElement("error", new XAttribute("message", "REFUSED: " + row.RefusalReason), new XAttribute("type", "Refused"), detail));
                break;
            case FleetStatus.Pass when row.GateFailed:
                testCase.Add(new XElement("failure", new XAttribute("message", row.Judgement?.Headline ?? row.Label), new XAttribute("type", "GateFailed"), detail));
                break;
            default:
                testCase.Add(new XElement("system-out", detail));
                break;
        }

        return new XElement(
            "testsuite",
            new XAttribute("name", $"{row.NodeId} {row.Model}"),
            new XAttribute("tests", 1),
            new XAttribute("failures", testCase.Element("failure") is null ? 0 : 1),
            new XAttribute("errors", testCase.Element("error") is null ? 0 : 1),
            new XAttribute("skipped", testCase.Element("skipped") is null ? 0 : 1),
            new XAttribute("time", Durations.Exact(row.DurationSeconds ?? 0)),
            new XAttribute("timestamp", run.StartedAt.ToString("yyyy-MM-ddTHH:mm:ss", CultureInfo.InvariantCulture)),
            new XElement("properties", JUnitReport.Property("node_id", row.NodeId), JUnitReport.Property("mlnode_url", row.MlNodeUrl),
                JUnitReport.Property("model", row.Model), JUnitReport.Property("status", row.StatusText), JUnitReport.Property("exit_code", row.ExitCode.ToString(CultureInfo.InvariantCulture))),
            testCase);
    }
}
