using System.Xml.Linq;
using MlNode.Tasks.Common;
using MlNode.Tasks.Fleet;
using MlNode.Tasks.Reports;
using MlNode.Tasks.Tests.Support;

namespace MlNode.Tasks.Tests.EndToEnd;

/// <summary>
/// Text from outside (a node's error body, a node id) reaches XML, HTML, the console and CI logs: each sink gets it in
/// a form it can carry, and the run still ends with its real verdict and every file.
/// </summary>
[Trait("Category", "Integration")]
public sealed class HostileInputTests
{
    [Fact]
    public async Task Run_NodeErrorBodyWithControlCharactersAndCiCommands_EndsWithItsVerdictAndEveryFile()
    {
        // Given: a node whose status call answers 500 with control characters, a terminal escape and CI commands
        await using var harness = await RunHarness.StartAsync(RunHarness.With("hostile-error@/api/v1/models/status"));
        harness.WriteReference();

        // When (the harness also checks that the JUnit file is well-formed and every document validates)
        var result = await harness.RunAsync();

        // Then: the run ended as an error, with its report finished and its files written
        Assert.Equal(ExitCodes.Error, result.ExitCode);
        Assert.Equal("failed", (string?)result.Report["status"]);
        Assert.Equal(ExitCodes.Error, (int?)result.Report["exit_code"]);
        Assert.Contains("oops", (string?)result.Report["error"]!["message"]);
        foreach (var file in new[] { ExperimentDirectory.JUnitFile, ExperimentDirectory.TextFile, "validate_report.html" })
        {
            Assert.True(File.Exists(Path.Combine(result.ExperimentDirectory, file)), file);
        }

        // And: what the console shows is one line per line the tool wrote: nothing forged, no escape sequence, no CI command
        AssertSafeConsole(result.Console);
        Assert.Contains("oops\\u0001\\n::error::from-node\\nERROR: forged", result.Console);
    }

    [Fact]
    public async Task Fleet_NodeIdWithControlCharactersAndACommand_EveryPairPassesAndEveryFleetFileIsWritten()
    {
        // Given: a node-config whose node id carries a control character, a newline and a GitHub command
        await using var harness = await FleetHarness.StartAsync("--fleet=1");
        var port = new Uri(harness.Fleet.Nodes[0].BaseUrl).Port;
        var config = harness.Root.Combine("nodes.json");
        await File.WriteAllTextAsync(config, """[{"id": "a\u0001\n::error::x", "host": "127.0.0.1", "poc_port": PORT, "models": {"MODEL": {"args": []}}}]"""
            .Replace("PORT", port.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal).Replace("MODEL", TestReferences.Model, StringComparison.Ordinal));

        // When
        var (run, console) = await harness.RunAsync(("nodes", config));

        // Then: the pair passed, the fleet's files are all there and well-formed, and the console carries no command
        Assert.Equal(ExitCodes.Pass, run.Result.ExitCode);
        foreach (var file in new[] { FleetFiles.ReportFile, FleetFiles.TextFile, FleetFiles.JUnitFile, "fleet_report.html" })
        {
            Assert.True(File.Exists(Path.Combine(run.Directory, file)), file);
        }

        var suite = XDocument.Load(Path.Combine(run.Directory, FleetFiles.JUnitFile)).Descendants("testsuite").Single();
        Assert.Contains("a\\u0001", (string?)suite.Attribute("name"));
        AssertSafeConsole(console);
    }

    [Theory]
    [InlineData("plain text", "plain text")]
    [InlineData("a\nERROR: forged", "a\\nERROR: forged")]
    [InlineData("::error::x", ": :error::x")]
    [InlineData("  ::set-output name=x::1", "  : :set-output name=x::1")]
    [InlineData("id ##vso[task.setvariable variable=x]1", "id # #vso[task.setvariable variable=x]1")]
    [InlineData("##teamcity[buildStatus text='x']", "# #teamcity[buildStatus text='x']")]
    [InlineData("##[error]x", "# #[error]x")]
    [InlineData("\u001b[31mred\u001b[0m", "\\u001b[31mred\\u001b[0m")]
    [InlineData("rtl\u202eevil", "rtl\\u202eevil")]
    public void LogLine_OutsideText_OneLineWithoutCommands(string text, string expected) =>
        Assert.Equal(expected, OutsideText.LogLine(text));

    [Fact]
    public void Escaped_KeepingLineBreaks_LinesStayOtherControlsAreShown() =>
        Assert.Equal("oops\\u0001\nline two\\u001b[31m", OutsideText.Escaped("oops\u0001\nline two\u001b[31m", keepLineBreaks: true));

    [Fact]
    public void Render_AttributeAndTextWithCharactersXmlCannotCarry_WellFormedWithVisibleEscapes()
    {
        var document = new XDocument(new XElement("testsuite", new XAttribute("name", "a\u0001b"), new XElement("failure", "x\u0000y\uD800z \U0001F600")));

        var xml = XmlText.Render(document);

        var parsed = XDocument.Parse(xml);
        Assert.Equal("a\\u0001b", (string?)parsed.Root!.Attribute("name"));
        Assert.Equal("x\\u0000y\\ud800z \U0001F600", parsed.Root.Element("failure")!.Value);
    }

    private static void AssertSafeConsole(string console)
    {
        Assert.DoesNotContain(console, c => char.IsControl(c) && c is not '\n' and not '\r');
        var lines = console.Split('\n');
        Assert.DoesNotContain(lines, l => l.TrimStart().StartsWith("::", StringComparison.Ordinal));
        Assert.DoesNotContain(lines, l => l.StartsWith("ERROR: forged", StringComparison.Ordinal));
        Assert.DoesNotContain("##vso[", console);
        Assert.DoesNotContain("##teamcity[", console);
    }
}
