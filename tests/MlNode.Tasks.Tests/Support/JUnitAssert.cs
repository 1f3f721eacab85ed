using System.Xml;
using System.Xml.Linq;
using System.Xml.Schema;

namespace MlNode.Tasks.Tests.Support;

/// <summary>Validates a JUnit file against the common subset (Ci/junit.xsd) and the counts CI systems rely on.</summary>
public static class JUnitAssert
{
    private static readonly XmlSchemaSet Schema = Load();

    public static XDocument Valid(string path)
    {
        var document = XDocument.Load(path);
        var errors = new List<string>();
        document.Validate(Schema, (_, e) => errors.Add(e.Message));
        Assert.True(errors.Count == 0, "JUnit schema errors: " + string.Join("; ", errors));
        foreach (var suite in document.Descendants("testsuite").Append(document.Root!))
        {
            var cases = suite.Descendants("testcase").ToList();
            Assert.Equal(cases.Count, (int)suite.Attribute("tests")!);
            Assert.Equal(cases.Count(c => c.Element("failure") is not null), (int)suite.Attribute("failures")!);
            Assert.Equal(cases.Count(c => c.Element("error") is not null), (int)suite.Attribute("errors")!);
            Assert.Equal(cases.Count(c => c.Element("skipped") is not null), (int)suite.Attribute("skipped")!);
        }

        return document;
    }

    /// <summary>The result element of a phase's test case: skipped, failure, error, or null for a pass.</summary>
    public static XElement? Result(XDocument document, string phaseHeader) =>
        document.Descendants("testcase").Single(c => (string?)c.Attribute("name") == phaseHeader).Elements().FirstOrDefault(e => e.Name.LocalName is "skipped" or "failure" or "error");

    private static XmlSchemaSet Load()
    {
        var set = new XmlSchemaSet();
        set.Add(null, XmlReader.Create(Path.Combine(AppContext.BaseDirectory, "Ci", "junit.xsd")));
        set.Compile();
        return set;
    }
}
