using System.Globalization;
using System.Text;

namespace MlNode.Tasks.Common;

/// <summary>
/// Text that came from outside (node replies, node ids, Admin API fields, files) made safe for the sink it reaches.
/// A line of the log stays one line: control characters (newlines, terminal escapes) are shown escaped, and the
/// prefixes CI systems read as commands (GitHub <c>::</c> and <c>##[</c>, Azure <c>##vso[</c>, TeamCity
/// <c>##teamcity[</c>) are broken, so a hostile id cannot forge an <c>ERROR:</c> line, an annotation or a variable.
/// </summary>
internal static class OutsideText
{
    private static readonly string[] CommandMarkers = ["##vso[", "##teamcity[", "##["];

    /// <summary>The text on one line, every control character escaped (<c>\n</c>, <c>\u001b</c>).</summary>
    public static string OneLine(string? text) => Escaped(text, keepLineBreaks: false);

    /// <summary>
    /// The text with every control character escaped, but for line breaks and tabs when <paramref name="keepLineBreaks"/>
    /// (a page shows a multi-line error as lines; a log line must stay one).
    /// </summary>
    public static string Escaped(string? text, bool keepLineBreaks)
    {
        if (string.IsNullOrEmpty(text))
        {
            return string.Empty;
        }

        bool Escape(char c) => NeedsEscape(c) && !(keepLineBreaks && c is '\n' or '\r' or '\t');
        if (!text.Any(Escape))
        {
            return text;
        }

        var safe = new StringBuilder(text.Length + 8);
        foreach (var c in text)
        {
            _ = c switch
            {
                _ when !Escape(c) => safe.Append(c),
                '\n' => safe.Append("\\n"),
                '\r' => safe.Append("\\r"),
                '\t' => safe.Append("\\t"),
                _ => safe.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture)),
            };
        }

        return safe.ToString();
    }

    /// <summary>A log line: <see cref="OneLine"/>, with the CI systems' command prefixes broken.</summary>
    public static string LogLine(string? text)
    {
        var line = OneLine(text);
        var start = line.Length - line.TrimStart().Length;
        if (line.AsSpan(start).StartsWith("::", StringComparison.Ordinal))
        {
            line = line.Insert(start + 1, " ");
        }

        foreach (var marker in CommandMarkers)
        {
            line = line.Replace(marker, "# " + marker[1..], StringComparison.Ordinal);
        }

        return line;
    }

    /// <summary>Whether a character is one a single line of text must not carry raw (controls, line and paragraph separators, bidi overrides).</summary>
    private static bool NeedsEscape(char c) =>
        char.IsControl(c) || c is '\u2028' or '\u2029' || (c >= '\u202a' && c <= '\u202e') || (c >= '\u2066' && c <= '\u2069');
}
