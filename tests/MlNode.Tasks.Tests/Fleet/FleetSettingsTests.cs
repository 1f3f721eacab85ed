using MlNode.Tasks.Common;
using MlNode.Tasks.Configuration;
using MlNode.Tasks.Fleet;
using MlNode.Tasks.References;
using MlNode.Tasks.Tests.Support;

namespace MlNode.Tasks.Tests.Fleet;

public sealed class FleetSettingsTests
{
    [Theory]
    [InlineData(new string[0], "a fleet needs its nodes")]
    [InlineData(new[] { "nodes=n.json", "admin-api=http://10.0.0.2:9200" }, "either --nodes or --admin-api, not both")]
    [InlineData(new[] { "nodes=n.json", "model=Org/M" }, "--model is chosen per (node, model) pair")]
    [InlineData(new[] { "nodes=n.json", "mlnode-url=http://x:8080" }, "--mlnode-url is chosen per")]
    [InlineData(new[] { "nodes=n.json", "exp-dir=x" }, "--exp-dir is chosen per")]
    [InlineData(new[] { "nodes=n.json", "max-parallel=0" }, "--max-parallel")]
    [InlineData(new[] { "nodes=n.json", "node-ids=,," }, "--node-ids=',,' names nothing")]
    public void Resolve_BadFleetInputs_OneLineInputError(string[] arguments, string expected)
    {
        using var root = new TempDirectory();
        var sources = SettingsSources.From(arguments.Select(a => a.Split('=', 2)).Select(p => new KeyValuePair<string, string>(p[0], p[1])), root.Path);

        var error = Assert.Throws<InputException>(() => FleetSettingsResolver.Resolve(sources, new SecretRedactor()));

        Assert.Contains(expected, error.Message);
    }

    [Theory]
    [InlineData("10.0.0.2", "http://10.0.0.2:9200")]
    [InlineData("http://10.0.0.2", "http://10.0.0.2:9200")]
    [InlineData("https://admin.example.com:443/base", "https://admin.example.com:443/base")]
    [InlineData("admin.example.com:19200", "http://admin.example.com:19200")]
    public void Normalize_AdminApiWithoutSchemeOrPort_HttpAndPort9200(string typed, string expected) =>
        Assert.Equal(expected, AdminApi.Normalize(typed));

    [Fact]
    public void Decide_PairsOfOneModel_ShareOneLoadedReference()
    {
        // Given a fleet of three nodes serving the same model
        using var root = new TempDirectory();
        TestReferences.Write(root.Combine("references"), TestReferences.Document());
        var nodes = root.Combine("nodes.json");
        File.WriteAllText(nodes, "[" + string.Join(',', Enumerable.Range(1, 3).Select(i => "{\"id\":\"n" + i + "\",\"host\":\"127.0.0.1\",\"poc_port\":" + (9000 + i) + ",\"models\":{\"" + TestReferences.Model + "\":{\"args\":[]}}}")) + "]");
        var sources = SettingsSources.From([new("nodes", nodes)], root.Path);
        var redactor = new SecretRedactor();
        var settings = FleetSettingsResolver.Resolve(sources, redactor);
        var pairs = FleetPairs.Select(NodesFile.Load(nodes), settings);

        // When each pair's settings are resolved
        var cache = new ReferenceCache();
        var decided = FleetRunner.Decide(settings, pairs, checkState: false, sources, root.Combine("fleet"), redactor, cache);

        // Then the reference was read once: every pair holds the same header, and the runs take that file's artifacts
        var references = decided.Select(d => d.Settings!.Reference).ToList();
        Assert.Equal(3, references.Count);
        Assert.All(references, r => Assert.Same(references[0], r));
        Assert.Same(references[0], cache.Load(references[0]).Header);
        Assert.Equal(["http://127.0.0.1:9001", "http://127.0.0.1:9002", "http://127.0.0.1:9003"], decided.Select(d => d.Settings!.Node.Display));
    }

    [Fact]
    public void WorstCase_MorePairsThanSlotsOrOneNodeWithManyModels_CountsRounds()
    {
        using var root = new TempDirectory();
        var settings = FleetSettingsResolver.Resolve(
            SettingsSources.From([new("nodes", "n.json"), new("max-parallel", "2"), new("download-timeout", "100"), new("deploy-timeout", "100"), new("validation-timeout", "100")], root.Path),
            new SecretRedactor());
        FleetPair Pair(string node, string model) => new(new FleetNode(node, $"http://{node}:1", [], null), model, [], "node-config n.json " + node);

        // Three nodes in slots of two: two rounds; one node with three models: three rounds
        var perPair = settings.WorstCasePerPair;
        Assert.Equal(perPair * 2, settings.WorstCase([Pair("a", "m/1"), Pair("b", "m/1"), Pair("c", "m/1")]));
        Assert.Equal(perPair * 3, settings.WorstCase([Pair("a", "m/1"), Pair("a", "m/2"), Pair("a", "m/3")]));
        Assert.True(perPair > TimeSpan.FromSeconds(300));

        // Two node ids that name one MLNode (one URL) share its GPUs: their pairs take two rounds, not one
        FleetPair OnUrl(string node, string url) => new(new FleetNode(node, url, [], null), "m/1", [], "node-config n.json " + node);
        Assert.Equal(perPair * 2, settings.WorstCase([OnUrl("a", "http://h:8080"), OnUrl("b", "http://h:8080/"), OnUrl("c", "http://other:8080")]));
    }
}
