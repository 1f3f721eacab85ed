using MlNode.Tasks.Common;
using MlNode.Tasks.Configuration;
using MlNode.Tasks.Reports;
using MlNode.Tasks.Reports.Html;
using MlNode.Tasks.Tests.Support;

namespace MlNode.Tasks.Tests.Reports;

/// <summary>The fraud-margin chart on an in-memory report: its labels stay inside the picture at both ends.</summary>
public sealed class MarginChartTests : IDisposable
{
    private readonly TempDirectory _root = new();

    [Theory]
    [InlineData(32, "end")]
    [InlineData(0, "start")]
    public void Margin_RunAtEitherEndOfTheScale_LabelAnchoredInsideThePicture(int mismatches, string anchor)
    {
        // Given: a validation that judged every one (or none) of its 32 nonces a mismatch
        TestReferences.Write(_root.Combine("references"), TestReferences.Document());
        var sources = SettingsSources.From([new("mlnode-url", "http://127.0.0.1:9"), new("model", TestReferences.Model)], _root.Path);
        var report = new RunReport(RunSettingsResolver.Resolve(sources, TaskPlan.AllPhases), _root.Combine("exp"), DateTimeOffset.UnixEpoch, new SecretRedactor());
        report.Validation.NTotal = 32;
        report.Validation.NMismatch = mismatches;
        report.Phases[Phase.Validate].State = PhaseState.Completed;

        // When
        var (svg, _) = HtmlCharts.Margin(report);

        // Then: the whole label, anchored so it cannot run off the edge it sits at
        Assert.Matches($"text-anchor=\"{anchor}\"[^>]*>this run: {mismatches}<", svg);
    }

    public void Dispose() => _root.Dispose();
}
