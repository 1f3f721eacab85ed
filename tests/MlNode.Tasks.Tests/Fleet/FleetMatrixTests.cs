using MlNode.Tasks.Configuration;
using System.Diagnostics;
using MlNode.Tasks.Common;
using MlNode.Tasks.Fleet;
using Newtonsoft.Json.Linq;

namespace MlNode.Tasks.Tests.Fleet;

[Trait("Category", "Integration")]
public sealed class FleetMatrixTests
{
    private static readonly FleetNode Node = new("node7", "http://user:s3cret@10.0.0.7:8080", [], null);

    [Fact]
    public void GitHub_Pairs_IncludeListWithoutCredentials()
    {
        var redactor = new SecretRedactor();
        var matrix = JObject.Parse(GitHub([new FleetPair(Node, "Qwen/Qwen3-32B-FP8", ["--max-model-len", "8192"], "launch-plan http://10.0.0.2:9200 node7")], redactor));

        var entry = (JObject)matrix["include"]!.Single();
        Assert.Equal("node7__qwen-qwen3-32b-fp8", (string?)entry["pair"]);
        Assert.Equal("http://10.0.0.7:8080", (string?)entry["mlnode_url"]);
        Assert.Equal("'--node-args-from=launch-plan http://10.0.0.2:9200 node7' --node-arg=--max-model-len --node-arg=8192", (string?)entry["node_args"]);
    }

    [Fact]
    public void GitHub_PlanMadeWithTlsFiles_EachJobGetsTheirPathsNeverTheirContents()
    {
        var tls = new TlsFiles("/ci/mtls-certs/dapi.crt", "/ci/mtls-certs/dapi.key", "/ci/mtls-certs/mlnode.crt");

        var matrix = JObject.Parse(GitHub([new FleetPair(Node, "Org/M", [], "node-config n.json node7")], new SecretRedactor(), tls));

        Assert.Equal(
            "'--node-args-from=node-config n.json node7' --client-cert=/ci/mtls-certs/dapi.crt --client-key=/ci/mtls-certs/dapi.key --ca-cert=/ci/mtls-certs/mlnode.crt",
            (string?)matrix["include"]![0]!["node_args"]);
    }

    [Fact]
    public void GitLab_Pairs_ParallelMatrixYaml()
    {
        var yaml = FleetMatrix.GitLab(FleetMatrix.Jobs([new FleetPair(Node, "Org/M", [], "node-config n.json node7")], 200, [], new SecretRedactor()));

        Assert.StartsWith("parallel:\n  matrix:\n    - PAIR: \"node7__org-m\"\n      NODE: \"node7\"\n      MODEL: \"Org/M\"\n      MLNODE_URL: \"http://10.0.0.7:8080\"\n      NODE_ARGS: \"'--node-args-from=node-config n.json node7'\"\n", yaml);
    }

    [Fact]
    public async Task NodeArgs_TokensWithSpacesAndQuotes_SurviveTheJobsShellExpansion()
    {
        // Given args a shell would split or interpret
        string[] args = ["--override-generation-config", "{\"temperature\": 0.6}", "--served-model-name=it's $HOME"];

        // When a job expands them the way docs/ci's jobs do
        var words = await ExpandAsync(FleetMatrix.NodeArgs(new FleetPair(Node, "Org/M", args, "launch-plan http://a:9200 node7")));

        // Then each arrives as one --node-arg word, unchanged, after where they came from
        Assert.Equal(args.Select(a => "--node-arg=" + a).Prepend("--node-args-from=launch-plan http://a:9200 node7"), words);
    }

    [Fact]
    public async Task NodeArgs_AnEmptyToken_TravelsAsOneJsonListTheJobReadsBackWhole()
    {
        // Given: a launch plan with an empty token, which no --name=value argument can carry (build.sh refuses --x=)
        string[] args = ["--chat-template", "", "--max-model-len", "8192"];

        // When: the job's shell expands the words, and the job resolves its deploy args from them
        var words = await ExpandAsync(FleetMatrix.NodeArgs(new FleetPair(Node, "Org/M", args, "launch-plan http://a:9200 node7")));
        var sources = SettingsSources.From(words.Select(w => w[2..].Split('=', 2)).Select(p => new KeyValuePair<string, string>(p[0], p[1])), "/tmp");
        var baseline = DeployBaselineResolver.Resolve(sources, new SettingReader(sources), MlNode.Tasks.Common.ModelId.Parse("Org/M"), ["--reference-arg"]);

        // Then: no empty --node-arg= word; the job gets the four tokens, the empty one included
        Assert.DoesNotContain(words, w => w.EndsWith('=') && w.StartsWith("--node-arg=", StringComparison.Ordinal));
        Assert.Equal(args, baseline.Args);
    }

    [Fact]
    public void Jobs_600PairsPastA256JobLimit_AtMost256ShardsOfWholeNodesCoveringEveryPairOnce()
    {
        // Given: 400 nodes, the first 200 serving two models, the rest one: 600 pairs
        var pairs = Enumerable.Range(1, 400)
            .SelectMany(i => (i <= 200 ? new[] { "Org/A", "Org/B" } : ["Org/A"]).Select(m => new FleetPair(new FleetNode($"node{i}", $"http://10.0.{i / 250}.{i % 250}:8080", [], null), m, [], "node-config n.json")))
            .ToList();

        // When
        var jobs = FleetMatrix.Jobs(pairs, 256, ["--admin-api=http://10.0.0.2:9200"], new SecretRedactor());

        // Then: at most 256 jobs, each pair in exactly one, a node's pairs never split over two jobs (they share its
        // GPUs), the shards within one node's pairs of each other, and each job a Fleet over its own pairs
        Assert.InRange(jobs.Count, 1, 256);
        Assert.Equal(pairs.Select(p => p.FolderName).Order(StringComparer.Ordinal), jobs.SelectMany(j => j.Pairs).Order(StringComparer.Ordinal));
        Assert.All(pairs.GroupBy(p => p.Node.Id), node => Assert.Single(jobs, j => j.Pairs.Contains(node.First().FolderName)));
        Assert.InRange(jobs.Max(j => j.Pairs.Count) - jobs.Min(j => j.Pairs.Count), 0, 2);
        Assert.All(jobs, j => Assert.StartsWith("--target=Fleet --admin-api=http://10.0.0.2:9200 --pairs=", j.Args));
        Assert.Equal("shard-001", jobs[0].Name);
    }

    [Fact]
    public async Task Jobs_ShardArgs_ExpandToTheFleetCommandWithItsPairs()
    {
        // Given: three one-model nodes and a limit of two jobs
        var pairs = Enumerable.Range(1, 3).Select(i => new FleetPair(new FleetNode($"node {i}", $"http://10.0.0.{i}:8080", [], null), "Org/M", [], "node-config n.json")).ToList();

        // When a shard job expands its ARGS the way docs/ci's jobs do
        var jobs = FleetMatrix.Jobs(pairs, 2, ["--nodes=deploy/my nodes.json", "--mlnode-scheme=http"], new SecretRedactor());
        var words = await ExpandAsync(jobs[0].Args);

        // Then it is one Fleet over its share, into the folder the merge reads
        Assert.Equal(2, jobs.Count);
        Assert.Equal(["--target=Fleet", "--nodes=deploy/my nodes.json", "--mlnode-scheme=http", "--pairs=" + string.Join(',', jobs[0].Pairs), "--experiments-root=fleet"], words);
    }

    private static string GitHub(IReadOnlyList<FleetPair> pairs, SecretRedactor redactor, TlsFiles? tls = null) =>
        FleetMatrix.GitHub(FleetMatrix.Jobs(pairs, FleetMatrix.GitHubMaxJobs, [], redactor, tls));

    private static async Task<IReadOnlyList<string>> ExpandAsync(string nodeArgs)
    {
        var start = new ProcessStartInfo("bash") { RedirectStandardOutput = true, UseShellExecute = false };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add("eval \"set -- $NODE_ARGS\"; printf '%s\\0' \"$@\"");
        start.Environment["NODE_ARGS"] = nodeArgs;
        using var process = Process.Start(start)!;
        var output = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        return output.Split('\0', StringSplitOptions.RemoveEmptyEntries);
    }
}
