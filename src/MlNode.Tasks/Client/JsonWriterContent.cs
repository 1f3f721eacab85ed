using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Newtonsoft.Json;

namespace MlNode.Tasks.Client;

/// <summary>
/// A request body written straight onto the connection as it is serialized: a 100,000-vector validation request
/// (about 9 MB of JSON) never exists as a buffer in memory. It is still sent with a <c>Content-Length</c>, never
/// chunked: reverse proxies, load balancers and gateways in front of MLNodes may refuse chunked request bodies (the
/// upstream Python client always sends a length). The length is computed by writing the body once into a counter,
/// which costs CPU but no memory; the writer is deterministic, so both passes produce the same bytes. Each attempt
/// creates a new content.
/// </summary>
internal sealed class JsonWriterContent : HttpContent
{
    private static readonly UTF8Encoding Utf8NoBom = new(false);
    private readonly Action<JsonWriter> _write;
    private long? _length;

    /// <summary>Creates the content.</summary>
    public JsonWriterContent(Action<JsonWriter> write)
    {
        _write = write;
        Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
    }

    /// <inheritdoc />
    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
    {
        // Buffered in 64 KiB blocks; the writer is synchronous, so each block is flushed asynchronously.
        using var block = new MemoryStream(64 * 1024);
        using (var text = new StreamWriter(new BlockFlushingStream(block, stream), Utf8NoBom, 64 * 1024, leaveOpen: true))
        using (var writer = new JsonTextWriter(text) { Formatting = Formatting.None })
        {
            _write(writer);
        }

        await stream.WriteAsync(block.GetBuffer().AsMemory(0, (int)block.Length)).ConfigureAwait(false);
    }

    /// <inheritdoc />
    protected override bool TryComputeLength(out long length)
    {
        if (_length is null)
        {
            using var counter = new CountingStream();
            using (var text = new StreamWriter(counter, Utf8NoBom, 64 * 1024, leaveOpen: true))
            using (var writer = new JsonTextWriter(text) { Formatting = Formatting.None })
            {
                _write(writer);
            }

            _length = counter.Count;
        }

        length = _length.Value;
        return true;
    }

    // Counts the bytes written and keeps none of them.
    private sealed class CountingStream : Stream
    {
        public long Count { get; private set; }

        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => Count;

        public override long Position { get => Count; set => throw new NotSupportedException(); }

        public override void Write(byte[] buffer, int offset, int count) => Count += count;

        public override void Write(ReadOnlySpan<byte> buffer) => Count += buffer.Length;

        public override void Flush()
        {
        }

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();
    }

    // Collects writes and hands every full block to the connection stream.
    private sealed class BlockFlushingStream(MemoryStream block, Stream target) : Stream
    {
        private const int BlockSize = 64 * 1024;

        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override void Write(byte[] buffer, int offset, int count)
        {
            block.Write(buffer, offset, count);
            if (block.Length >= BlockSize)
            {
                target.Write(block.GetBuffer(), 0, (int)block.Length);
                block.SetLength(0);
            }
        }

        public override void Flush()
        {
        }

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();
    }
}
