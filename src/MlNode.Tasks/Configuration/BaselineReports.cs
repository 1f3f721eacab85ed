using MlNode.Tasks.Common;
using MlNode.Tasks.Documents;
using Newtonsoft.Json;

namespace MlNode.Tasks.Configuration;

/// <summary>Finds and reads the earlier run a throughput gate compares with.</summary>
internal static class BaselineReports
{
    /// <summary>The value of --baseline that searches the experiments root.</summary>
    public const string Auto = "auto";

    /// <summary>Reads a report given as a validate_report.json or as its experiment folder.</summary>
    /// <exception cref="InputException">Not a readable report of this tool.</exception>
    public static BaselineRun Load(string path, string argument = "--baseline")
    {
        ArgumentNullException.ThrowIfNull(path);
        var file = Directory.Exists(path) ? Path.Combine(path, ValidateReport.FileName) : path;
        if (FileKind.Problem(file) is { } problem)
        {
            throw new InputException($"{argument} '{path}': {(Directory.Exists(path) ? $"the folder has no {ValidateReport.FileName}" : problem)}; " +
                $"pass an earlier run's validate_report.json or its experiment folder");
        }

        try
        {
            var report = ValidateReportFile.Read(file);
            if (string.IsNullOrEmpty(report.Model) || string.IsNullOrEmpty(report.Verdict))
            {
                throw new JsonSerializationException("it has no model or verdict");
            }

            return new BaselineRun(Path.GetFullPath(file), report);
        }
        catch (Exception ex) when (ex is JsonException or IOException or UnauthorizedAccessException)
        {
            throw new InputException($"{argument} '{path}' is not a readable validate_report.json ({ex.Message.Split('\n')[0].TrimEnd('.')}); pass a report this tool wrote");
        }
    }

    /// <summary>
    /// The rate a baseline run is compared by: its counter-based rate when it has one, else its reported average;
    /// null when it measured nothing a drop can be computed from (no throughput, a rate that is not a positive number, or
    /// a rate its own per-replica rates do not add up to: a report edited by hand, or forged).
    /// </summary>
    public static double? ComparableRate(ValidateReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var summary = report.Throughput?.Summary;
        var rate = summary?.CounterNoncesPerSecond ?? summary?.AvgSumNoncesPerSecond;
        return rate is { } r && double.IsFinite(r) && r > 0 && AddsUp(summary!) ? r : null;
    }

    // The system rate is the sum of the replicas' rates (counters with counters, reported with reported), up to rounding.
    private static bool AddsUp(ThroughputSummaryInfo summary)
    {
        if (summary.PerBackend.Count == 0)
        {
            return true;
        }

        static bool Near(double total, double sum) => Math.Abs(total - sum) <= Math.Max(0.01, 0.02 * Math.Max(Math.Abs(total), Math.Abs(sum)));
        var counters = summary.PerBackend.Select(b => b.CounterNoncesPerSecond).ToList();
        return Near(summary.AvgSumNoncesPerSecond, summary.PerBackend.Sum(b => b.AvgReportedNoncesPerSecond)) &&
            (summary.CounterNoncesPerSecond is not { } counter || counters.Any(c => c is null) || Near(counter, counters.Sum(c => c!.Value)));
    }

    // A report that says it started after its file was last written is not a record of a run (a clock-free check).
    private static bool DatedAfterItsFile(string file, ValidateReport report) =>
        DateTimeOffset.TryParse(report.StartedAt, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var started) &&
        started > new DateTimeOffset(File.GetLastWriteTimeUtc(file), TimeSpan.Zero).AddMinutes(5);

    /// <summary>
    /// Refuses a baseline no gate can be judged against: one that measured no usable rate, one of another model, or
    /// (unless <paramref name="otherNodeOk"/>) one of another node.
    /// </summary>
    /// <exception cref="InputException">The baseline cannot serve this run.</exception>
    public static void Check(BaselineRun baseline, NodeEndpoint node, ModelId model, bool otherNodeOk)
    {
        ArgumentNullException.ThrowIfNull(baseline);
        ArgumentNullException.ThrowIfNull(node);
        ArgumentNullException.ThrowIfNull(model);
        var r = baseline.Report;
        if (!string.Equals(r.Model, model.Value, StringComparison.Ordinal))
        {
            throw new InputException($"--baseline '{baseline.Path}' is a run of model '{OutsideText.OneLine(r.Model)}', and this run validates '{model}'; " +
                $"a throughput of another model says nothing about this one: pass a baseline of the same model");
        }

        if (!otherNodeOk && !string.Equals(r.MlnodeUrl, node.Display, StringComparison.Ordinal))
        {
            throw new InputException($"--baseline '{baseline.Path}' is a run of node {OutsideText.OneLine(r.MlnodeUrl)}, and this run validates {node.Display}; " +
                $"pass a baseline of this node, or --baseline-other-node to compare with another machine on purpose");
        }

        if (ComparableRate(r) is null)
        {
            var summary = r.Throughput?.Summary;
            var what = summary is null ? "it measured no throughput" : $"its throughput is {Shown(summary.CounterNoncesPerSecond ?? summary.AvgSumNoncesPerSecond)} nonces/s";
            throw new InputException($"--baseline '{baseline.Path}' cannot be judged against: {what}; pass a run whose throughput phase measured a positive rate");
        }
    }

    private static string Shown(double value) => double.IsNaN(value) ? "NaN" : value.ToString("0.###", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>
    /// The newest earlier report under the experiments root (and one level deeper, for fleet folders) of the same node
    /// (URL without credentials), model and deploy config whose verdict was PASS; null when there is none.
    /// </summary>
    public static BaselineRun? FindAuto(string experimentsRoot, NodeEndpoint node, ModelId model, DeployConfig deploy)
    {
        ArgumentNullException.ThrowIfNull(node);
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(deploy);
        if (!Directory.Exists(experimentsRoot))
        {
            return null;
        }

        var candidates = Directory.EnumerateFiles(experimentsRoot, ValidateReport.FileName, new EnumerationOptions { RecurseSubdirectories = true, MaxRecursionDepth = 2 });
        BaselineRun? newest = null;
        foreach (var file in candidates)
        {
            BaselineRun run;
            try
            {
                run = Load(file);
            }
            catch (InputException)
            {
                continue; // not a report of this tool, or a broken one: never a baseline
            }

            var r = run.Report;
            // Only a run that passed everything it was asked (its own gates included) is a baseline: its judgement says.
            if (Judging.JudgementDocument.Read(r.Judgement)?.ExitCode == ExitCodes.Pass && ComparableRate(r) is not null && !DatedAfterItsFile(file, r) &&
                r.MlnodeUrl == node.Display && r.Model == model.Value &&
                r.DeployConfig.Dtype == deploy.Dtype.Value && r.DeployConfig.AdditionalArgs.SequenceEqual(deploy.AdditionalArgs) &&
                string.CompareOrdinal(r.StartedAt, newest?.Report.StartedAt) > 0)
            {
                newest = run;
            }
        }

        return newest;
    }
}
