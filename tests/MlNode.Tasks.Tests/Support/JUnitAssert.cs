using System.Xml;
using System.Xml.Linq;
using System.Xml.Schema;

namespace MlNode.Tasks.Tests.Support;

/// <summary>
/// Checks a JUnit file against every schema a consumer of it applies: the project's subset of what GitHub, GitLab,
/// Azure Pipelines and TeamCity import, and the Jenkins xUnit plugin's own junit-10.xsd from ../shared (when present).
/// </summary>
internal static class JUnitAssert
{
    /// <summary>The file name every JUnit file the tool writes ends with.</summary>
    public const string FilePattern = "*junit.xml";

    private static readonly XmlSchemaSet Subset = Load(Path.Combine(AppContext.BaseDirectory, "Ci", "junit.xsd"))!;

    private static readonly XmlSchemaSet? Jenkins = Load(JenkinsSchemaPath());

    /// <summary>Gets whether the Jenkins xUnit schema is on this machine (../shared/fixtures/junit).</summary>
    public static bool HasJenkinsSchema => Jenkins is not null;

    public static XDocument Valid(string path)
    {
        var document = XDocument.Load(path);
        AssertSchema(document, Subset, "the project's JUnit subset", path);
        if (Jenkins is not null)
        {
            AssertSchema(document, Jenkins, "Jenkins xUnit junit-10.xsd", path);
        }

        foreach (var suite in document.Descendants("testsuite"))
        {
            var cases = suite.Descendants("testcase").ToList();
            Assert.Equal(cases.Count, (int)suite.Attribute("tests")!);
            Assert.Equal(cases.Count(c => c.Element("failure") is not null), (int)suite.Attribute("failures")!);
            Assert.Equal(cases.Count(c => c.Element("error") is not null), (int)suite.Attribute("errors")!);
            Assert.Equal(cases.Count(c => c.Element("skipped") is not null), (int)suite.Attribute("skipped")!);
        }

        var root = document.Root!;
        var all = root.Descendants("testcase").ToList();
        Assert.Equal(all.Count, (int)root.Attribute("tests")!);
        Assert.Equal(all.Count(c => c.Element("failure") is not null), (int)root.Attribute("failures")!);
        Assert.Equal(all.Count(c => c.Element("error") is not null), (int)root.Attribute("errors")!);
        return document;
    }

    /// <summary>Validates every JUnit file below a folder; returns how many there were.</summary>
    public static int AllValid(string directory)
    {
        var files = Directory.Exists(directory) ? Directory.GetFiles(directory, FilePattern, SearchOption.AllDirectories) : [];
        foreach (var file in files)
        {
            Valid(file);
        }

        return files.Length;
    }

    /// <summary>The result element of a phase's test case: skipped, failure, error, or null for a pass.</summary>
    public static XElement? Result(XDocument document, string phaseHeader) =>
        document.Descendants("testcase").Single(c => (string?)c.Attribute("name") == phaseHeader).Elements().FirstOrDefault(e => e.Name.LocalName is "skipped" or "failure" or "error");

    /// <summary>../shared/fixtures/junit/jenkins-xunit-junit-10.xsd above the test binaries, or null when absent.</summary>
    public static string? JenkinsSchemaPath()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "shared", "fixtures", "junit", "jenkins-xunit-junit-10.xsd");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }

    private static void AssertSchema(XDocument document, XmlSchemaSet schema, string name, string path)
    {
        var errors = new List<string>();
        document.Validate(schema, (_, e) => errors.Add(e.Message));
        Assert.True(errors.Count == 0, $"{path} is rejected by {name}: {string.Join("; ", errors)}");
    }

    private static XmlSchemaSet? Load(string? path)
    {
        if (path is null)
        {
            return null;
        }

        var set = new XmlSchemaSet();
        using var reader = XmlReader.Create(path);
        set.Add(null, reader);
        set.Compile();
        return set;
    }
}
