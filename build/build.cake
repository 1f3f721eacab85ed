// The MlNode.Tasks task graph. The logic lives in src/MlNode.Tasks; this file only declares the tasks, their
// dependencies and descriptions, and hands control to the library around the graph. Run it through ./build.sh
// (or build.ps1), which restores the Cake runner, builds the library when sources changed, and applies ../cake.config.
#r "../artifacts/bin/MlNode.Tasks/release/MlNode.Tasks.dll"

using MlNode.Tasks.Cake;

var target = Argument("target", "Help");
var mlnode = MlNodeBuild.Create(Context, new MlNodeBuildOptions
{
    RepositoryRoot = MakeAbsolute(Directory("..")).FullPath,
    SimulatorAssembly = MakeAbsolute(File("../artifacts/bin/MlNode.Simulator/release/MlNode.Simulator.dll")).FullPath,
});

// Untyped Setup: with --all-references the graph runs once per reference, and Cake's typed setup data can be
// registered only once per process. Tasks reach the pass's session through mlnode.Session instead.
Setup(context => mlnode.BeginSession(context));
Teardown(context => mlnode.EndSession(context));

Task("Help")
    .Description("List the tasks and every argument with its default and source (the default target)")
    .Does(() => mlnode.Help(Tasks));

Task("Download")
    .Description("[1/4] Make sure the model is cached on the MLNode")
    .Does(() => mlnode.Session.DownloadAsync());

Task("Deploy")
    .Description("[2/4] Start vLLM with the deploy args (the node config's, else the reference's); a running vLLM is left alone unless --redeploy or --node-config")
    .IsDependentOn("Download")
    .Does(() => mlnode.Session.DeployAsync());

Task("Throughput")
    .Description("[3/4] Measure full-system PoC throughput (nonces/s summed over replicas)")
    .IsDependentOn("Deploy")
    .Does(() => mlnode.Session.ThroughputAsync());

Task("Validate")
    .Description("[4/4] Have the node recompute the golden reference and judge it (L2 + binomial fraud test)")
    .IsDependentOn("Throughput")
    .Does(() => mlnode.Session.ValidateAsync());

Task("Report")
    .Description("Finalize the experiment folder (config, report JSON, text summary) and print the summary")
    .IsDependentOn("Validate")
    .Does(() => mlnode.Session.ReportAsync());

Task("BakeReference")
    .Description("Bake a golden reference from a trusted node that serves the model (verified before it is written)")
    .IsDependentOn("Deploy")
    .Does(() => mlnode.Session.BakeReferenceAsync());

Task("CheckReferences")
    .Description("Validate every reference in the search path and print a table")
    .Does(() => mlnode.CheckReferences());

Task("Fleet")
    .Description("Validate every (node, model) pair of a fleet at once (--nodes=<node-config.json> or --admin-api=<url>) into one fleet folder")
    .Does(() => mlnode.FleetAsync());

Task("FleetPlan")
    .Description("Print the fleet's pairs as a CI matrix (GitHub strategy.matrix JSON; --format=gitlab for parallel:matrix YAML)")
    .Does(() => mlnode.FleetPlanAsync());

Task("FleetReport")
    .Description("Merge the experiment folders of a fleet's CI jobs (--from=<folder>) into the fleet files, summary and exit code")
    .Does(() => mlnode.FleetReportAsync());

Task("FleetDemo")
    .Description("Fleet on a simulated Network Node of 6 embedded MLNodes (one dishonest, one whose deploy fails, one in use); exits 2")
    .IsDependentOn("Fleet");

Task("CrossCheck")
    .Description("Do the nodes' hardware classes accept each other's PoC vectors? Every node generates, every other validates (--admin-api, --nodes or --mlnode-urls)")
    .Does(() => mlnode.CrossCheckAsync());

Task("CrossCheckDemo")
    .Description("CrossCheck on a simulated Network Node of 4 embedded MLNodes of 3 hardware classes (one incompatible); exits 2")
    .IsDependentOn("CrossCheck");

Task("Demo")
    .Description("The whole pipeline against the embedded MLNode simulator, with a freshly baked reference")
    .IsDependentOn("Report");

Task("Compare")
    .Description("Show two runs side by side (--from=<report or folder> --to=<report or folder>) and what differs")
    .Does(() => mlnode.Compare());

Task("Simulator")
    .Description("Run the MLNode simulator on a loopback port until Ctrl-C (--port, --fault, ...; --help lists them)")
    .Does(() => mlnode.SimulatorAsync());

Task("Bench")
    .Description("Run the benchmarks (bench/run.sh; --figures=1,4 picks some) and print one line per figure")
    .Does(() =>
    {
        var figures = Argument<string>("figures", string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries);
        var exit = StartProcess("bash", new ProcessSettings { Arguments = new ProcessArgumentBuilder().AppendQuoted(MakeAbsolute(File("../bench/run.sh")).FullPath).Append(string.Join(" ", figures)) });
        if (exit != 0) throw new CakeException($"bench/run.sh exited with {exit}");
    });

Task("Schema")
    .Description("Regenerate docs/schema/*.schema.json from the typed documents of the library (commit the result)")
    .Does(() => DotNetRun(
        MakeAbsolute(File("../tools/MlNode.Schema/MlNode.Schema.csproj")).FullPath,
        new ProcessArgumentBuilder().AppendQuoted(MakeAbsolute(Directory("../docs/schema")).FullPath),
        new DotNetRunSettings { Configuration = "Release" }));

Task("Pack")
    .Description("Pack the engine as the Cake addin MlNode.Tasks.<version>.nupkg into artifacts/packages")
    .Does(() => DotNetPack(MakeAbsolute(File("../src/MlNode.Tasks/MlNode.Tasks.csproj")).FullPath, new DotNetPackSettings
    {
        Configuration = "Release",
        OutputDirectory = MakeAbsolute(Directory("../artifacts/packages")),
    }));

var testResults = MakeAbsolute(Directory("../artifacts/test-results"));
var testsStarted = DateTime.UtcNow;
Task("Test")
    .Description("Run the test suite")
    .Does(() => DotNetTest(MakeAbsolute(File("../MlNode.Tasks.slnx")).FullPath, new DotNetTestSettings
    {
        Configuration = "Release",
        Filter = Argument<string>("filter", null),
        Loggers = new[] { "trx", "console;verbosity=normal" },
        ResultsDirectory = testResults,
    }))
    .Finally(() => NameFailedTests(testResults, testsStarted));

// The failed tests by name, each with the start of its message, at the end: dotnet test prints them among hundreds
// of lines, and a CI log is often read from its last lines only.
void NameFailedTests(DirectoryPath results, DateTime since)
{
    var failed = GetFiles(results.FullPath + "/*.trx")
        .Where(trx => System.IO.File.GetLastWriteTimeUtc(trx.FullPath) >= since)
        .SelectMany(trx => System.Xml.Linq.XDocument.Load(trx.FullPath).Descendants())
        .Where(e => e.Name.LocalName == "UnitTestResult" && (string)e.Attribute("outcome") == "Failed")
        .GroupBy(e => (string)e.Attribute("testName"))
        .ToList();
    foreach (var test in failed)
    {
        var message = test.First().Descendants().FirstOrDefault(e => e.Name.LocalName == "Message")?.Value ?? "";
        var lines = message.Split('\n').Select(l => l.TrimEnd('\r')).Where(l => l.Trim().Length > 0).Take(12);
        Error("FAILED: " + test.Key + string.Concat(lines.Select(l => "\n    " + l)));
    }
}

// The contract's exit code (0 / 2 / 1 / 130): Cake alone would end with 0 or 1.
System.Environment.Exit(mlnode.Run(Tasks, target, Settings.Exclusive, RunTarget));
