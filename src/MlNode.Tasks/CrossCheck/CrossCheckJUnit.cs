using System.Globalization;
using System.Xml.Linq;
using MlNode.Tasks.Common;
using MlNode.Tasks.Reports;

namespace MlNode.Tasks.CrossCheck;

/// <summary>crosscheck_junit.xml: one test suite per model, one test case per ordered pair (a fired fraud test is a failure).</summary>
internal static class CrossCheckJUnit
{
    /// <summary>Renders the JUnit document (characters XML cannot carry are written visibly escaped).</summary>
    public static string Render(CrossCheckRun run)
    {
        ArgumentNullException.ThrowIfNull(run);
        var suites = run.Matrices.Select(m => Suite(m, run)).ToList();
        var document = new XDocument(
            new XDeclaration("1.0", "utf-8", null),
            new XElement(
                "testsuites",
                new XAttribute("name", "MlNode.Tasks cross-check"),
                new XAttribute("tests", suites.Sum(s => (int)s.Attribute("tests")!)),
                new XAttribute("failures", suites.Sum(s => (int)s.Attribute("failures")!)),
                new XAttribute("errors", suites.Sum(s => (int)s.Attribute("errors")!)),
                new XAttribute("time", Durations.Exact((run.FinishedAt - run.StartedAt).TotalSeconds)),
                suites));
        return XmlText.Render(document);
    }

    private static XElement Suite(CrossMatrix matrix, CrossCheckRun run)
    {
        var cases = matrix.Cells.Select(c => Case(matrix, c)).ToList();
        return new XElement(
            "testsuite",
            new XAttribute("name", $"cross-check {matrix.Plan.Model}"),
            new XAttribute("tests", cases.Count),
            new XAttribute("failures", matrix.Cells.Count(c => c.Status == CrossCellStatus.Fail)),
            new XAttribute("errors", matrix.Cells.Count(c => c.Status is CrossCellStatus.Error or CrossCellStatus.Interrupted)),
            new XAttribute("skipped", 0),
            new XAttribute("time", Durations.Exact(matrix.Seconds)),
            new XAttribute("timestamp", run.StartedAt.ToString("yyyy-MM-ddTHH:mm:ss", CultureInfo.InvariantCulture)),
            new XElement("properties", JUnitReport.Property("model", matrix.Plan.Model.Value), JUnitReport.Property("reference", matrix.Plan.GoldenDisplay),
                JUnitReport.Property("exit_code", matrix.ExitCode.ToString(CultureInfo.InvariantCulture))),
            cases);
    }

    private static XElement Case(CrossMatrix matrix, CrossCell cell)
    {
        var testCase = new XElement(
            "testcase",
            new XAttribute("classname", $"mlnode.crosscheck.{matrix.Plan.Model}"),
            new XAttribute("name", $"{cell.Generator} ({matrix.ShownHardware(cell.Generator)}) judged by {cell.Validator} ({matrix.ShownHardware(cell.Validator)})"),
            new XAttribute("time", Durations.Exact(cell.Seconds ?? 0)));
        var detail = string.Create(CultureInfo.InvariantCulture, $"{cell.StatusText} judged_by={cell.JudgedBy} n_mismatch={cell.NMismatch}/{cell.NTotal} p_value={cell.PValue:G6}");
        switch (cell.Status)
        {
            case CrossCellStatus.Fail:
                testCase.Add(new XElement("failure", new XAttribute("message", cell.Judgement.Headline), new XAttribute("type", "FraudDetected"), detail));
                break;
            case CrossCellStatus.Error or CrossCellStatus.Interrupted:
                testCase.Add(new XElement("error", new XAttribute("message", $"{cell.StatusText}: {cell.Error}"), new XAttribute("type", "PairNotJudged"), detail));
                break;
            default:
                testCase.Add(new XElement("system-out", detail));
                break;
        }

        return testCase;
    }
}
