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
        var matrix = JObject.Parse(FleetMatrix.GitHub([new FleetPair(Node, "Qwen/Qwen3-32B-FP8", ["--max-model-len", "8192"], "launch-plan http://10.0.0.2:9200 node7")], redactor));

        var entry = (JObject)matrix["include"]!.Single();
        Assert.Equal("node7__qwen-qwen3-32b-fp8", (string?)entry["pair"]);
        Assert.Equal("http://10.0.0.7:8080", (string?)entry["mlnode_url"]);
        Assert.Equal("'--node-args-from=launch-plan http://10.0.0.2:9200 node7' --node-arg=--max-model-len --node-arg=8192", (string?)entry["node_args"]);
    }

    [Fact]
    public void GitHub_PlanMadeWithTlsFiles_EachJobGetsTheirPathsNeverTheirContents()
    {
        var tls = new TlsFiles("/ci/mtls-certs/dapi.crt", "/ci/mtls-certs/dapi.key", "/ci/mtls-certs/mlnode.crt");

        var matrix = JObject.Parse(FleetMatrix.GitHub([new FleetPair(Node, "Org/M", [], "node-config n.json node7")], new SecretRedactor(), tls));

        Assert.Equal(
            "'--node-args-from=node-config n.json node7' --client-cert=/ci/mtls-certs/dapi.crt --client-key=/ci/mtls-certs/dapi.key --ca-cert=/ci/mtls-certs/mlnode.crt",
            (string?)matrix["include"]![0]!["node_args"]);
    }

    [Fact]
    public void GitLab_Pairs_ParallelMatrixYaml()
    {
        var yaml = FleetMatrix.GitLab([new FleetPair(Node, "Org/M", [], "node-config n.json node7")], new SecretRedactor());

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
