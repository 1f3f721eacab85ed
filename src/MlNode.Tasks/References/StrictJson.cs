using System.Buffers;
using System.Text.Json;

namespace MlNode.Tasks.References;

/// <summary>
/// Checks that a stream is exactly one JSON object (or array) as RFC 8259 defines JSON: no comments, no single quotes or bare
/// names, no trailing commas, no NaN, no name given twice in one object, and nothing after the object. Newtonsoft's
/// reader tolerates all of these (a second concatenated object would be silently ignored, a repeated name would keep
/// its last value); the BCL's UTF-8 reader is strict by design, so the syntax is checked with it, streamed, before
/// the reference (or node config) is read.
/// </summary>
internal static class StrictJson
{
    /// <summary>Null when the stream holds one JSON object (or array); otherwise what is wrong and where.</summary>
    /// <param name="stream">The file's bytes.</param>
    /// <param name="array">True when the document is a JSON array (a node config), false for an object (a reference).</param>
    public static string? Check(Stream stream, bool array = false)
    {
        var shape = array ? "array" : "object";
        var buffer = ArrayPool<byte>.Shared.Rent(64 * 1024);
        try
        {
            var state = default(JsonReaderState);
            var length = 0;
            var final = false;
            var first = true;
            var start = true;
            var names = new ObjectNames();
            while (!final)
            {
                var read = stream.Read(buffer, length, buffer.Length - length);
                final = read == 0;
                length += read;
                if (start && length >= 3)
                {
                    // A UTF-8 byte order mark may precede the text (RFC 8259 §8.1 lets a reader ignore it).
                    start = false;
                    if (buffer.AsSpan(0, 3).SequenceEqual("\uFEFF"u8))
                    {
                        buffer.AsSpan(3, length - 3).CopyTo(buffer);
                        length -= 3;
                    }
                }

                if (final && first && buffer.AsSpan(0, length).Trim(" \t\r\n"u8).IsEmpty)
                {
                    return $"the file is empty, not a JSON {shape}";
                }

                var reader = new Utf8JsonReader(buffer.AsSpan(0, length), final, state);
                try
                {
                    while (reader.Read())
                    {
                        if (first && reader.TokenType != (array ? JsonTokenType.StartArray : JsonTokenType.StartObject))
                        {
                            return $"the file is not a JSON {shape}";
                        }

                        first = false;
                        if (names.Track(ref reader) is { } duplicate)
                        {
                            return $"'{Common.OutsideText.OneLine(duplicate)}' appears twice in one object; RFC 8259 leaves duplicate names open, so each field must be given once";
                        }
                    }
                }
                catch (JsonException ex)
                {
                    return $"not valid JSON (RFC 8259) at line {(ex.LineNumber ?? 0) + 1}: {ex.Message.Split(" LineNumber", 2)[0].TrimEnd('.', ' ')}";
                }

                var consumed = (int)reader.BytesConsumed;
                state = reader.CurrentState;
                buffer.AsSpan(consumed, length - consumed).CopyTo(buffer);
                length -= consumed;
                if (length == buffer.Length)
                {
                    // One token larger than the buffer (a huge string): grow.
                    var larger = ArrayPool<byte>.Shared.Rent(buffer.Length * 2);
                    buffer.AsSpan(0, length).CopyTo(larger);
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = larger;
                }
            }

            return null;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>The names seen in each open object, to find one given twice (sets are reused: a file has many small objects).</summary>
    private sealed class ObjectNames
    {
        private readonly List<HashSet<string>> _open = [];
        private int _depth;

        /// <summary>Follows one token; returns a property name already seen in its object, else null.</summary>
        public string? Track(ref Utf8JsonReader reader)
        {
            switch (reader.TokenType)
            {
                case JsonTokenType.StartObject:
                    if (_depth == _open.Count)
                    {
                        _open.Add(new HashSet<string>(StringComparer.Ordinal));
                    }

                    _open[_depth++].Clear();
                    return null;
                case JsonTokenType.EndObject:
                    _depth--;
                    return null;
                case JsonTokenType.PropertyName:
                    var name = reader.GetString()!;
                    return _open[_depth - 1].Add(name) ? null : name;
                default:
                    return null;
            }
        }
    }
}
