using System.Globalization;
using MlNode.Tasks.Common;
using MlNode.Tasks.CrossCheck.Documents;
using MlNode.Tasks.Fleet;
using MlNode.Tasks.Fleet.Documents;
using MlNode.Tasks.Documents;
using MlNode.Tasks.PoC;

namespace MlNode.Tasks.CrossCheck;

/// <summary>The files of a cross-check folder, each written atomically: the report, the matrix as text, the heatmap page and JUnit.</summary>
internal static class CrossCheckFiles
{
    /// <summary>The typed report (schema: docs/schema/crosscheck_report.schema.json).</summary>
    public const string ReportFile = "crosscheck_report.json";

    /// <summary>The matrices as tables.</summary>
    public const string TextFile = "crosscheck_report.txt";

    /// <summary>The heatmap page.</summary>
    public const string HtmlFile = "crosscheck_report.html";

    /// <summary>One test case per ordered pair.</summary>
    public const string JUnitFile = "crosscheck_junit.xml";

    /// <summary>Writes every file of the folder.</summary>
    public static void Write(CrossCheckRun run)
    {
        ArgumentNullException.ThrowIfNull(run);
        var document = Document(run);
        AtomicFile.WriteAllText(Path.Combine(run.Directory, ReportFile), DocumentJson.Serialize(document));
        AtomicFile.WriteAllText(Path.Combine(run.Directory, TextFile), CrossCheckTable.Render(run));
        AtomicFile.WriteAllText(Path.Combine(run.Directory, JUnitFile), CrossCheckJUnit.Render(run));
        AtomicFile.WriteAllText(Path.Combine(run.Directory, HtmlFile), CrossCheckHtml.Render(run));
    }

    /// <summary>The report document of a cross-check.</summary>
    public static CrossCheckReportDocument Document(CrossCheckRun run)
    {
        ArgumentNullException.ThrowIfNull(run);
        var settings = run.Settings;
        return new CrossCheckReportDocument
        {
            Source = new FleetSourceInfo { Kind = settings.SourceKind, Location = settings.SourceDisplay, NodeIds = settings.Fleet.NodeIds, Models = settings.Fleet.Models },
            Safety = run.Safety,
            StartedAt = run.StartedAt.ToString("o", CultureInfo.InvariantCulture),
            FinishedAt = run.FinishedAt.ToString("o", CultureInfo.InvariantCulture),
            DurationS = Math.Round((run.FinishedAt - run.StartedAt).TotalSeconds, 3),
            ExitCode = run.ExitCode,
            NumNonces = settings.NumNonces.Value,
            Cross = settings.AllNodes ? "all" : "class",
            BatchSize = settings.BatchSize?.Value,
            Incompatible = [.. run.Incompatible],
            Models = [.. run.Matrices.Select(m => Model(m, run.Directory))],
            NodeIssues = [.. run.NodeIssues.Select(FleetFiles.Entry)],
            LeftOut = [.. run.LeftOut.Select(l => new CrossLeftOutEntry { NodeId = l.NodeId, Model = l.Model, Hardware = l.Hardware, StandIn = l.StandIn })],
        };
    }

    private static TauCalibrationEntry Tau(TauCalibration tau) => new()
    {
        Tau = tau.StatTest.DistThreshold,
        PMismatch = tau.StatTest.PMismatch,
        FraudThreshold = tau.StatTest.FraudThreshold,
        TauNeeded = Round(tau.TauNeeded) ?? 0,
        SetBy = tau.Tightest is { } pair ? $"{pair.Generator} -> {pair.Validator}" : null,
        FraudMargin = tau.Headroom,
        Pairs = [.. tau.Pairs.Select(p => new TauPairEntry
        {
            Generator = p.Generator,
            Validator = p.Validator,
            Compared = p.Compared,
            Differing = p.Differing,
            MarginMedian = Round(p.Quantile(0.5)) ?? 0,
            MarginP95 = Round(p.Quantile(0.95)) ?? 0,
            MarginMax = Round(p.Quantile(1)) ?? 0,
            MismatchesAtTau = p.MismatchesAtTau,
            Allowed = p.Allowed,
            TauNeeded = Round(p.TauNeeded) ?? 0,
        })],
    };

    private static CrossModelEntry Model(CrossMatrix matrix, string directory)
    {
        var plan = matrix.Plan;
        return new CrossModelEntry
        {
            Model = plan.Model.Value,
            Reference = plan.GoldenDisplay,
            Scheme = plan.Golden.Header.Scheme.Name(),
            TauCalibration = matrix.Tau is { } tau ? Tau(tau) : null,
            StatTest = new StatTestTriple<double> { DistThreshold = plan.StatTest.DistThreshold, PMismatch = plan.StatTest.PMismatch, FraudThreshold = plan.StatTest.FraudThreshold },
            DurationS = matrix.Seconds,
            ExitCode = matrix.ExitCode,
            Nodes = [.. plan.Nodes.Select(n =>
            {
                var generated = matrix.Generated.FirstOrDefault(g => g.Source == n.Id);
                return new CrossNodeEntry
                {
                    NodeId = n.Id,
                    Hardware = n.Hardware,
                    MlnodeUrl = n.Settings.Node.Display,
                    BatchSize = plan.BatchSize,
                    GeneratedVectors = generated?.Count ?? 0,
                    GenerationS = generated?.Seconds,
                    NodeSoftware = generated?.Software,
                    Error = generated?.Failure,
                    ExperimentDir = n.Settings.Experiment.ExplicitDirectory is { } dir ? Path.GetRelativePath(directory, dir) : null,
                };
            })],
            Cells = [.. matrix.Cells.Select(c => new CrossCellEntry
            {
                Generator = c.Generator,
                Validator = c.Validator,
                Status = c.StatusText,
                JudgedBy = c.JudgedBy,
                NTotal = c.NTotal,
                NMismatch = c.NMismatch,
                MismatchNonces = c.MismatchNonces,
                PValue = c.PValue,
                FraudDetected = c.FraudDetected,
                Error = c.Error,
                DurationS = c.Seconds,
                Anatomy = AnatomyOf(c),
                Judgement = Judging.JudgementDocument.Of(c.Judgement),
            })],
            Distances = [.. matrix.Distances.Select(d => new CrossDistanceEntry
            {
                First = d.First,
                Second = d.Second,
                Compared = d.Summary.Compared,
                Median = Round(d.Summary.Median),
                P99 = Round(d.Summary.P99),
                Max = Round(d.Summary.Max),
                Threshold = d.Summary.Threshold,
                AboveThreshold = d.Summary.Above,
                AboveNonces = d.Summary.AboveNonces,
            })],
            Jobs = [.. matrix.Jobs.Select(j => new CrossJobEntry { Node = j.Node, Kind = j.Kind, Source = j.Source, StartedS = Math.Round(j.StartedS, 3), FinishedS = Math.Round(j.FinishedS, 3) })],
        };
    }

    // Distances are float16 arithmetic: six decimals say all there is (and an infinite one is written as the largest double).
    private static double? Round(double? value) => value is { } v ? (double.IsFinite(v) ? Math.Round(v, 6) : double.MaxValue) : null;

    // The anatomy's evidence stands; where the cell's judgement rewords its cause (two hardware classes), the file says
    // the judgement's words, not a run's.
    private static MlNode.Tasks.Documents.AnatomyInfo? AnatomyOf(CrossCell cell) =>
        cell.Anatomy?.Document() is not { } anatomy ? null
        : cell.Judgement.Cause is { Kind: CrossCellJudge.ClassesDisagree } cause ? new MlNode.Tasks.Documents.AnatomyInfo
        {
            Kind = anatomy.Kind,
            Cause = cause.Sentence,
            NextStep = cell.Judgement.NextStep ?? anatomy.NextStep,
            Evidence = anatomy.Evidence,
            Stride = anatomy.Stride,
        }
        : anatomy;
}
