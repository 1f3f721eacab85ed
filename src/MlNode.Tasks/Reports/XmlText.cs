using System.Globalization;
using System.Text;
using System.Xml;
using System.Xml.Linq;

namespace MlNode.Tasks.Reports;

/// <summary>
/// Writes an XML document as the text of a UTF-8 file: indented, declared utf-8, with a final newline. Text from
/// outside (a node's error body, a node id) may hold characters XML 1.0 cannot carry at all (<c>\x01</c>); those are
/// written as visible <c>\u0001</c> escapes, so the document is always written and always well-formed.
/// </summary>
internal static class XmlText
{
    /// <summary>Renders the document.</summary>
    public static string Render(XDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        foreach (var element in document.Descendants())
        {
            foreach (var attribute in element.Attributes())
            {
                attribute.Value = Legal(attribute.Value);
            }

            foreach (var node in element.Nodes().OfType<XText>())
            {
                node.Value = Legal(node.Value);
            }
        }

        var text = new StringBuilder();
        using (var writer = XmlWriter.Create(new StringWriter(text, CultureInfo.InvariantCulture), new XmlWriterSettings { Indent = true, Encoding = new UTF8Encoding(false) }))
        {
            document.Save(writer);
        }

        // A StringWriter declares utf-16 whatever the settings say; the file is written as UTF-8.
        return text.ToString().Replace("encoding=\"utf-16\"", "encoding=\"utf-8\"", StringComparison.Ordinal) + Environment.NewLine;
    }

    /// <summary>The text with every character XML 1.0 cannot carry escaped as <c>\uXXXX</c> (a lone surrogate too).</summary>
    public static string Legal(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.All(c => XmlConvert.IsXmlChar(c) || char.IsSurrogate(c)) && !HasLoneSurrogate(text))
        {
            return text;
        }

        var legal = new StringBuilder(text.Length + 8);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                legal.Append(c).Append(text[++i]);
            }
            else if (XmlConvert.IsXmlChar(c))
            {
                legal.Append(c);
            }
            else
            {
                legal.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
            }
        }

        return legal.ToString();
    }

    private static bool HasLoneSurrogate(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(text[i]))
            {
                return true;
            }
        }

        return false;
    }
}
