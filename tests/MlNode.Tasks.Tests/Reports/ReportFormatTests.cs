using MlNode.Tasks.Reports;
using MlNode.Tasks.Tests.Support;
using Newtonsoft.Json.Linq;

namespace MlNode.Tasks.Tests.Reports;

/// <summary>The report is a contract: nothing a consumer reads may disappear or be renamed.</summary>
[Trait("Category", "Integration")]
public sealed class ReportFormatTests
{
    private static string Fixture(string name) => Path.Combine(AppContext.BaseDirectory, "Reports", "Fixtures", name);

    [Fact]
    public async Task Report_ComparedWithTodaysFormat_KeepsEveryKeyPath()
    {
        // Given: a report of the format before the typed documents (a Demo run of 0.1.0, committed), and a run now.
        var before = KeyPaths(JObject.Parse(File.ReadAllText(Fixture("validate_report.v0.1.0.json"))));
        await using var harness = await RunHarness.StartAsync();
        harness.WriteReference();

        // When
        var result = await harness.RunAsync();
        var now = KeyPaths(result.Report);

        // Then: every path is still there, except the raw arguments, which moved from args to cli_args on purpose.
        var missing = before.Where(p => !p.StartsWith("args.", StringComparison.Ordinal)).Except(now).ToList();
        Assert.True(missing.Count == 0, "gone from validate_report.json: " + string.Join(", ", missing));
        Assert.Equal(JTokenType.Object, result.Report["cli_args"]!.Type);
        Assert.Equal([TestReferences.Model], result.Report["cli_args"]!["model"]!.Values<string>());
    }

    [Fact]
    public async Task Documents_ComparedWithGonkaValidatePy_HaveEveryKeyPathItWrites()
    {
        // Given: the key paths gonka's validate.py writes (listed from its source), and a run now.
        var expected = File.ReadAllLines(Fixture("gonka-validate-py.key-paths.txt"))
            .Where(l => l.Length > 0 && !l.StartsWith('#'))
            .Select(l => l.Split(' ', 2))
            .ToList();
        await using var harness = await RunHarness.StartAsync();
        harness.WriteReference();

        // When
        var result = await harness.RunAsync(("tp-size", "4"), ("extra-arg", "--enforce-eager"));
        var config = KeyPaths(JObject.Parse(File.ReadAllText(Path.Combine(result.ExperimentDirectory, ExperimentDirectory.ConfigFile))));
        var report = KeyPaths(result.Report);

        // Then
        var missing = expected.Where(e => !(e[0] == "config" ? config : report).Contains(e[1]) || (e[0] == "config" && !report.Contains(e[1]))).Select(e => $"{e[0]} {e[1]}").ToList();
        Assert.True(missing.Count == 0, "missing: " + string.Join(", ", missing));
        var args = result.Report["args"]!;
        Assert.Equal(4, (int)args["tp_size"]!);
        Assert.Equal(["--enforce-eager"], args["extra_arg"]!.Values<string>());
        Assert.Equal(JTokenType.Null, args["threshold"]!.Type);
        Assert.Equal(harness.Simulator.BaseUrl, (string?)args["mlnode_url"]);
        Assert.Equal(result.ExperimentDirectory, (string?)args["exp_dir"]);
        Assert.Equal((long)result.Report["throughput"]!["samples"]!.Last!["per_backend_total_processed"]!.Values<long>().Sum(), result.Report["throughput"]!["summary"]!["final_per_backend_total_processed"]!.Values<long>().Sum());
    }

    // Every property path of a document; array elements' properties as "name[].child".
    private static HashSet<string> KeyPaths(JToken token)
    {
        var paths = new HashSet<string>(StringComparer.Ordinal);
        Walk(token, string.Empty);
        return paths;

        void Walk(JToken node, string prefix)
        {
            switch (node)
            {
                case JObject obj:
                    foreach (var property in obj.Properties())
                    {
                        var path = prefix.Length == 0 ? property.Name : $"{prefix}.{property.Name}";
                        paths.Add(path);
                        Walk(property.Value, path);
                    }

                    break;
                case JArray array:
                    foreach (var item in array)
                    {
                        Walk(item, prefix + "[]");
                    }

                    break;
            }
        }
    }
}
