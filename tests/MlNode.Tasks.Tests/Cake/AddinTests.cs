using System.Diagnostics;
using System.IO.Compression;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using MlNode.Simulator;
using MlNode.Tasks.Common;
using MlNode.Tasks.Tests.Support;

namespace MlNode.Tasks.Tests.Cake;

/// <summary>
/// The engine as a Cake addin, used the way a release pipeline would: packed into a folder feed, `#addin`-ed by a fresh
/// build.cake (the README's own example), run with the pinned Cake runner against the simulator.
/// </summary>
[Collection("cake-addin")]
[Trait("Category", "Integration")]
public sealed partial class AddinTests : IDisposable
{
    private readonly TempDirectory _root = new();

    [Fact]
    public async Task ReadmeExample_HonestAndDishonestNode_RolloutOnlyAfterAPassAndTheContractsExitCode()
    {
        // Given: the package and its dependencies in a folder feed, and the README's example as a user's build.cake.
        var feed = Pack(_root.Combine("feed"));
        var script = _root.Combine("pipeline", "build.cake");
        Directory.CreateDirectory(Path.GetDirectoryName(script)!);
        File.WriteAllText(script, ReadmeExample());
        var reference = TestReferences.Write(_root.Combine("pipeline", "references"), TestReferences.Document());
        await using var honest = await MlNodeSimulator.StartAsync(RunHarness.FastSimulator);
        await using var dishonest = await MlNodeSimulator.StartAsync(RunHarness.With("dishonest:0.5"));

        // When
        var pass = await RunAsync(script, feed, honest.BaseUrl, reference);
        var fraud = await RunAsync(script, feed, dishonest.BaseUrl, reference);

        // Then: the honest node reaches Rollout with exit 0; the dishonest one stops before it with exit 2.
        Assert.True(pass.ExitCode == ExitCodes.Pass, pass.Output);
        Assert.Contains("PASS: ", pass.Stdout);
        Assert.Contains("rolling out to the validated node", pass.Stdout);
        Assert.Equal(ExitCodes.Fraud, fraud.ExitCode);
        Assert.DoesNotContain("rolling out to the validated node", fraud.Output);
        Assert.Contains("FAIL (fraud_detected)", fraud.Output);
        Assert.Contains("(exit code 2)", fraud.Output.ReplaceLineEndings(" "));
        Assert.Equal(2, Directory.GetDirectories(_root.Combine("pipeline", "data", "experiments")).Length);
    }

    [Theory]
    [InlineData("prefill")]
    [InlineData("decode")]
    public async Task BakeReference_ThenValidate_ThroughTheAliases(string scheme)
    {
        // Given: a trusted node already serving the model, and a script that bakes from it (under the scheme) and
        // validates against it.
        var feed = Pack(_root.Combine("feed"));
        var script = _root.Combine("bake", "build.cake");
        Directory.CreateDirectory(Path.GetDirectoryName(script)!);
        File.WriteAllText(script, $$"""
            #addin nuget:?package=MlNode.Tasks&version={{Version}}&loaddependencies=true
            var url = Argument<string>("mlnode-url");
            Task("Bake").Does(() =>
            {
                var settings = new MlNodeBakeReferenceSettings { MlNodeUrl = url, Model = "{{TestReferences.Model}}", OutputFile = File("references/baked.json") };
                settings.AdditionalArgs.Add("--tensor-parallel-size");
                settings.AdditionalArgs.Add("4");
                settings.Arguments["num-nonces"] = "16";
                settings.Arguments["scheme"] = "{{scheme}}";
                if ("{{scheme}}" == "decode") settings.Arguments["max-tokens"] = "12";
                Information("baked: " + MlNodeBakeReference(settings));
            });
            Task("Validate").IsDependentOn("Bake").Does(() =>
            {
                var result = MlNodeValidate(new MlNodeValidateSettings { MlNodeUrl = url, Model = "{{TestReferences.Model}}", Reference = File("references/baked.json") });
                Information($"validated: {result.Verdict} exit {result.ExitCode} passed {result.Passed} scheme {result.Scheme}");
            });
            RunTarget("Validate");
            """);
        await using var trusted = await MlNodeSimulator.StartAsync(RunHarness.FastSimulator with { Running = TestReferences.Model, RunningTp = 4 });

        // When
        var run = await RunScriptAsync(script, feed, [$"--mlnode-url={trusted.BaseUrl}"]);

        // Then
        Assert.True(run.ExitCode == 0, run.Output);
        Assert.Contains("baked: ", run.Stdout);
        var baked = MlNode.Tasks.References.ReferenceReader.Load(_root.Combine("bake", "references", "baked.json"));
        Assert.Equal(16, baked.Header.Count);
        Assert.Equal(scheme, MlNode.Tasks.PoC.PocSchemes.Name(baked.Header.Scheme));
        Assert.Contains($"validated: Pass exit 0 passed True scheme {scheme}", run.Stdout);
    }

    [Fact]
    public async Task MlNodeFleet_AdminApiWithADishonestNode_RollsOutOnlyToThePassingNodes()
    {
        // Given: a simulated Network Node of three MLNodes (node2 dishonest) and a script that validates the fleet and
        // rolls out only to the nodes that passed
        var feed = Pack(_root.Combine("feed"));
        var script = _root.Combine("fleet", "build.cake");
        Directory.CreateDirectory(Path.GetDirectoryName(script)!);
        TestReferences.Write(_root.Combine("fleet", "references"), TestReferences.Document());
        File.WriteAllText(script, $$"""
            #addin nuget:?package=MlNode.Tasks&version={{Version}}&loaddependencies=true
            var admin = Argument<string>("admin-api");
            Task("Fleet").Does(() =>
            {
                var settings = new MlNodeFleetSettings { AdminApi = admin, MaxParallel = 8 };
                var fleet = MlNodeFleet(settings);
                foreach (var pair in fleet.Passing) Information($"rolling out to {pair.NodeId}");
                Information($"fleet exit {fleet.ExitCode}: {string.Join(", ", fleet.Pairs.Select(p => p.NodeId + " " + p.Status))}");
            });
            RunTarget("Fleet");
            """);
        await using var fleet = await MlNode.Simulator.Fleet.SimulatedFleet.StartAsync(MlNode.Simulator.Fleet.FleetOptions.Parse(
            ["--fleet=3", "--port=0", "--download-seconds=0.2", "--deploy-seconds=0.2", "--stop-seconds=0.1", $"--fleet-model={TestReferences.Model}", "--fleet-fault=2:dishonest:0.25"]));

        // When
        var run = await RunScriptAsync(script, feed, [$"--admin-api={fleet.AdminUrl}"]);

        // Then: the alias printed the fleet table, the result says which nodes may take work
        Assert.True(run.ExitCode == 0, run.Output);
        Assert.Contains("fleet exit 2: node2 Fail, node1 Pass, node3 Pass", run.Stdout);
        Assert.Contains("rolling out to node1", run.Stdout);
        Assert.DoesNotContain("rolling out to node2", run.Stdout);
        Assert.Contains("fleet exit code: 2", run.Stdout);
    }

    [Fact]
    public async Task MlNodeCrossCheck_AdminApiWithAnIncompatibleClass_ReturnsTheMatrixAndTheIncompatiblePairs()
    {
        // Given: a simulated Network Node whose node3 runs a hardware class that disagrees with the others, and a
        // script that gates a rollout on the cross-check
        var feed = Pack(_root.Combine("feed"));
        var script = _root.Combine("cross", "build.cake");
        Directory.CreateDirectory(Path.GetDirectoryName(script)!);
        TestReferences.Write(_root.Combine("cross", "references"), TestReferences.Document());
        File.WriteAllText(script, $$"""
            #addin nuget:?package=MlNode.Tasks&version={{Version}}&loaddependencies=true
            var admin = Argument<string>("admin-api");
            Task("Cross").Does(() =>
            {
                var matrix = MlNodeCrossCheck(new MlNodeCrossCheckSettings { AdminApi = admin, NumNonces = 60 });
                foreach (var line in matrix.Incompatible) Information("incompatible: " + line);
                Information($"cross exit {matrix.ExitCode}, {matrix.Cells.Count} cells, node1 judges node2: {matrix.Cells.Single(c => c.Generator == "node2" && c.Validator == "node1").Status}");
            });
            RunTarget("Cross");
            """);
        await using var fleet = await MlNode.Simulator.Fleet.SimulatedFleet.StartAsync(MlNode.Simulator.Fleet.FleetOptions.Parse(
            ["--fleet=3", "--port=0", "--download-seconds=0.2", "--deploy-seconds=0.2", $"--fleet-model={TestReferences.Model}",
             "--fleet-hardware=1:H100", "--fleet-hardware=2:H200", "--fleet-hardware=3:B200:0.3"]));

        // When
        var run = await RunScriptAsync(script, feed, [$"--admin-api={fleet.AdminUrl}"]);

        // Then: the result carries the whole matrix and names the incompatible pairs; the script decides what to do
        Assert.True(run.ExitCode == 0, run.Output);
        Assert.Contains("cross exit 2, 12 cells, node1 judges node2: Pass", run.Stdout);
        Assert.Contains("incompatible: TestOrg/Tiny-PoC-1B: vectors from node3 (B200) are judged fraud by node1 (H100)", run.Stdout);
        Assert.Contains("cross-check exit code 2", run.Stdout);
    }

    [Fact]
    public void Pack_TwiceFromTheSameInputs_GivesTheSameBytesButForNuGetsStamps()
    {
        // When
        var first = Path.Combine(Pack(_root.Combine("one")), "MlNode.Tasks." + Version + ".nupkg");
        var second = Path.Combine(Pack(_root.Combine("two")), "MlNode.Tasks." + Version + ".nupkg");

        // Then: every entry but NuGet's own metadata stamps is identical; the addin conventions hold.
        var a = Entries(first);
        var b = Entries(second);
        Assert.Equal(a.Keys.Order(), b.Keys.Order());
        Assert.All(a, e => Assert.True(e.Value.SequenceEqual(b[e.Key]), $"{e.Key} differs between two packs"));
        var nuspec = XDocument.Parse(System.Text.Encoding.UTF8.GetString(a["MlNode.Tasks.nuspec"]).TrimStart('\uFEFF'));
        XNamespace ns = nuspec.Root!.Name.Namespace;
        Assert.Contains("cake-addin", nuspec.Descendants(ns + "tags").Single().Value.Split(' '));
        var dependencies = nuspec.Descendants(ns + "dependency").Select(d => (string)d.Attribute("id")!).ToList();
        Assert.Equal(["Newtonsoft.Json", "Polly.Core"], dependencies.Order(StringComparer.Ordinal));
        Assert.Equal(["lib/net10.0/MlNode.Tasks.dll"], a.Keys.Where(k => k.EndsWith(".dll", StringComparison.Ordinal)));
        Assert.Contains("lib/net10.0/MlNode.Tasks.xml", a.Keys);
        Assert.Contains("README.md", a.Keys);
        Assert.Contains("LICENSE", a.Keys);
        Assert.Equal(new Version(7, 0, 0, 0), ReferencedVersion(a["lib/net10.0/MlNode.Tasks.dll"], "Cake.Core"));
        Assert.DoesNotContain("Cake.Core", dependencies);
    }

    // The version of an assembly a DLL was compiled against: what Cake compares with its own when it loads an addin.
    private static Version? ReferencedVersion(byte[] dll, string assembly)
    {
        using var pe = new System.Reflection.PortableExecutable.PEReader(new MemoryStream(dll));
        var metadata = System.Reflection.Metadata.PEReaderExtensions.GetMetadataReader(pe);
        return metadata.AssemblyReferences.Select(metadata.GetAssemblyReference).Where(r => metadata.GetString(r.Name) == assembly).Select(r => r.Version).SingleOrDefault();
    }

    public void Dispose() => _root.Dispose();

    private static string Version => XDocument.Load(Path.Combine(RepositoryPaths.Root, "Directory.Build.props")).Descendants("Version").Single().Value;

    // The package, and the dependency packages it names from the machine's NuGet folder, in one folder feed.
    private static string Pack(string feed)
    {
        Directory.CreateDirectory(feed);
        var pack = Process.Start(new ProcessStartInfo("dotnet", ["pack", Path.Combine(RepositoryPaths.Root, "src", "MlNode.Tasks", "MlNode.Tasks.csproj"), "-c", "Release", "--no-build", "-o", feed, "-nologo", "-v", "quiet"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        var output = pack.StandardOutput.ReadToEnd() + pack.StandardError.ReadToEnd();
        pack.WaitForExit();
        Assert.True(pack.ExitCode == 0, "dotnet pack failed:\n" + output);
        var packages = Environment.GetEnvironmentVariable("NUGET_PACKAGES") ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        var nuspec = XDocument.Parse(System.Text.Encoding.UTF8.GetString(Entries(Path.Combine(feed, $"MlNode.Tasks.{Version}.nupkg"))["MlNode.Tasks.nuspec"]).TrimStart('\uFEFF'));
        CopyDependencyClosure(packages, feed);
        return feed;
    }

    // A folder feed must hold the whole dependency closure (Cake resolves every package from it, and there is no
    // other): the packages the library's own restore resolved for net10.0, each as the .nupkg in the NuGet cache.
    private static void CopyDependencyClosure(string packages, string feed)
    {
        var assets = Newtonsoft.Json.Linq.JObject.Parse(File.ReadAllText(Path.Combine(RepositoryPaths.Root, "artifacts", "obj", "MlNode.Tasks", "project.assets.json")));
        foreach (var library in ((Newtonsoft.Json.Linq.JObject)assets["libraries"]!).Properties().Where(p => (string?)p.Value["type"] == "package"))
        {
            var id = library.Name.Split('/')[0].ToLowerInvariant();
            var version = library.Name.Split('/')[1];
            File.Copy(Path.Combine(packages, id, version, $"{id}.{version}.nupkg"), Path.Combine(feed, $"{id}.{version}.nupkg"), overwrite: true);
        }
    }


    private static Dictionary<string, byte[]> Entries(string nupkg)
    {
        using var zip = ZipFile.OpenRead(nupkg);
        return zip.Entries
            .Where(e => !e.FullName.StartsWith("package/services/metadata/", StringComparison.Ordinal) && e.FullName != "_rels/.rels")
            .ToDictionary(e => e.FullName, e =>
            {
                using var stream = e.Open();
                using var copy = new MemoryStream();
                stream.CopyTo(copy);
                return copy.ToArray();
            });
    }

    private static string ReadmeExample()
    {
        var readme = File.ReadAllText(Path.Combine(RepositoryPaths.Root, "README.md"));
        var match = ExampleBlock().Match(readme);
        Assert.True(match.Success, "README.md has no <!-- addin-example --> code block");
        return match.Groups["code"].Value.Replace("version=0.1.0", "version=" + Version, StringComparison.Ordinal);
    }

    private Task<CakeRun> RunAsync(string script, string feed, string url, string reference) =>
        RunScriptAsync(script, feed, [$"--mlnode-url={url}", $"--model={TestReferences.Model}", $"--reference={reference}"]);

    private Task<CakeRun> RunScriptAsync(string script, string feed, string[] arguments) =>
        CakeRunner.RunScriptAsync(
            script,
            arguments,
            new Dictionary<string, string?>(RunHarness.FastEnvironment.Select(e => new KeyValuePair<string, string?>(e.Key, e.Value)))
            {
                ["CAKE_NUGET_SOURCE"] = feed,
                ["CAKE_PATHS_ADDINS"] = _root.Combine("addins"),
                ["CAKE_PATHS_TOOLS"] = _root.Combine("tools"),
                ["CAKE_PATHS_CACHE"] = _root.Combine("cache"),
                ["CAKE_SETTINGS_ENABLESCRIPTCACHE"] = "false",
            });

    [GeneratedRegex(@"<!-- addin-example -->\s*```csharp\n(?<code>.*?)```", RegexOptions.Singleline)]
    private static partial Regex ExampleBlock();
}
