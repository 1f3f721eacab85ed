using System.Text.RegularExpressions;
using MlNode.Tasks.Metrics;
using MlNode.Tasks.Tests.Support;
using Newtonsoft.Json.Linq;

namespace MlNode.Tasks.Tests.Metrics;

public sealed partial class DashboardTests
{
    [Fact]
    public void Queries_EveryExpressionOfTheDashboard_NamesOnlyMetricsTheToolPushes()
    {
        // Given: the committed Grafana dashboard
        var dashboard = JObject.Parse(File.ReadAllText(Path.Combine(RepositoryPaths.Root, "docs", "grafana", "mlnode-validation.json")));
        var expressions = dashboard.Descendants().OfType<JProperty>()
            .Where(p => p.Name is "expr" or "query" && p.Value.Type == JTokenType.String && ((string)p.Value!).Contains("mlnode_", StringComparison.Ordinal))
            .Select(p => (string)p.Value!)
            .ToList();

        // When
        var named = expressions.SelectMany(e => MetricName().Matches(LabelMatchers().Replace(e, string.Empty)).Select(m => m.Value)).Distinct().ToList();

        // Then: every panel queries something, each name is one a push carries, and the issue's panels are there
        Assert.All(dashboard["panels"]!, panel => Assert.NotEmpty(panel["targets"]!));
        Assert.All(expressions, e => Assert.Matches(MetricName(), e));
        Assert.All(named, n => Assert.Contains(n, ValidationMetrics.Names));
        foreach (var required in new[] { "mlnode_throughput_nonces_per_second", "mlnode_validation_passed", "mlnode_validation_p_value", "mlnode_validation_mismatches", "mlnode_phase_duration_seconds" })
        {
            Assert.Contains(required, named);
        }
    }

    [Fact]
    public void Panels_EveryPanelAndTarget_HasAUnitAndANameAReaderSees()
    {
        // Given: the committed Grafana dashboard
        var dashboard = JObject.Parse(File.ReadAllText(Path.Combine(RepositoryPaths.Root, "docs", "grafana", "mlnode-validation.json")));

        foreach (var panel in dashboard["panels"]!)
        {
            // Then: every panel has a unit, and every query's value is shown under a name: a series by its legend
            // format, a table column by an override that renames it ("Value #A" means nothing to a reader)
            var title = (string)panel["title"]!;
            Assert.False(string.IsNullOrEmpty((string?)panel.SelectToken("fieldConfig.defaults.unit")), $"panel '{title}' has no unit");
            var renamed = panel.SelectTokens("fieldConfig.overrides[*]")
                .Where(o => o.SelectTokens("properties[*].id").Any(id => (string?)id == "displayName"))
                .Select(o => (string)o.SelectToken("matcher.options")!)
                .ToHashSet();
            var hidden = panel.SelectTokens("transformations[*].options.excludeByName").SelectMany(e => e.Children<JProperty>()).Where(p => (bool)p.Value).Select(p => p.Name).ToHashSet();
            var targets = panel["targets"]!.ToList();
            foreach (var target in targets)
            {
                var column = targets.Count == 1 ? "Value" : $"Value #{target["refId"]}";
                Assert.True(
                    target["legendFormat"] is not null || renamed.Contains(column) || hidden.Contains(column),
                    $"panel '{title}' query {target["refId"]} has neither a legend format nor a renamed or hidden column");
            }
        }

        // And the p-value (log) and the mismatch share (0 for every honest node, which a log axis cannot draw) have axes of their own
        var fraud = dashboard["panels"]!.Single(p => ((string)p["title"]!).StartsWith("Fraud test", StringComparison.Ordinal));
        var share = fraud.SelectToken("fieldConfig.overrides[0].properties")!;
        Assert.Equal("log", (string?)fraud.SelectToken("fieldConfig.defaults.custom.scaleDistribution.type"));
        Assert.Equal("linear", (string?)share.Single(p => (string?)p["id"] == "custom.scaleDistribution")["value"]!["type"]);
        Assert.Equal("right", (string?)share.Single(p => (string?)p["id"] == "custom.axisPlacement")["value"]);
    }

    [GeneratedRegex("mlnode_[a-z_]+[a-z]")]
    private static partial Regex MetricName();

    // {job="mlnode_validate", ...}: label values are not metric names.
    [GeneratedRegex("\\{[^}]*\\}")]
    private static partial Regex LabelMatchers();
}
