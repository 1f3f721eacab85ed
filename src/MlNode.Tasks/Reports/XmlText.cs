using System.Globalization;
using System.Text;
using System.Xml;
using System.Xml.Linq;

namespace MlNode.Tasks.Reports;

/// <summary>Writes an XML document as the text of a UTF-8 file: indented, declared utf-8, with a final newline.</summary>
public static class XmlText
{
    /// <summary>Renders the document.</summary>
    public static string Render(XDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        var text = new StringBuilder();
        using (var writer = XmlWriter.Create(new StringWriter(text, CultureInfo.InvariantCulture), new XmlWriterSettings { Indent = true, Encoding = new UTF8Encoding(false) }))
        {
            document.Save(writer);
        }

        // A StringWriter declares utf-16 whatever the settings say; the file is written as UTF-8.
        return text.ToString().Replace("encoding=\"utf-16\"", "encoding=\"utf-8\"", StringComparison.Ordinal) + Environment.NewLine;
    }
}
