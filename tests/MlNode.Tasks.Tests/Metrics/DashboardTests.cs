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

        // Then: every panel queries something, each name is one a push carries, and the panels are there
        Assert.All(dashboard["panels"]!, panel => Assert.NotEmpty(panel["targets"]!));
        Assert.All(expressions, e => Assert.Matches(MetricName(), e));
        Assert.All(named, n => Assert.Contains(n, ValidationMetrics.Names));
        foreach (var required in new[] { "mlnode_throughput_nonces_per_second", "mlnode_validation_passed", "mlnode_validation_p_value", "mlnode_validation_mismatches", "mlnode_phase_duration_seconds" })
        {
            Assert.Contains(required, named);
        }
    }

    [GeneratedRegex("mlnode_[a-z_]+[a-z]")]
    private static partial Regex MetricName();

    // {job="mlnode_validate", ...}: label values are not metric names.
    [GeneratedRegex("\\{[^}]*\\}")]
    private static partial Regex LabelMatchers();
}
