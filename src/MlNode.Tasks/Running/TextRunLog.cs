using MlNode.Tasks.Common;

namespace MlNode.Tasks.Running;

/// <summary>Writes run lines to a text writer (the console, or a buffer in tests), masking secrets.</summary>
internal sealed class TextRunLog : IRunLog
{
    private readonly object _gate = new();
    private readonly TextWriter _writer;
    private readonly SecretRedactor _redactor;

    /// <summary>Creates the log.</summary>
    public TextRunLog(TextWriter writer, SecretRedactor redactor)
    {
        _writer = writer;
        _redactor = redactor;
    }

    /// <inheritdoc />
    public void Line(string text) => Write(text);

    /// <inheritdoc />
    public void Warning(string text) => Write("WARNING: " + text);

    /// <inheritdoc />
    public void Error(string text) => Write("ERROR: " + text);

    /// <inheritdoc />
    public IDisposable Group(string title) => NoGroup.Instance;

    private void Write(string text)
    {
        // Every line may carry outside text (ids, node replies): one line, no terminal escapes, no CI commands.
        var safe = OutsideText.LogLine(_redactor.Redact(text));
        lock (_gate)
        {
            _writer.WriteLine(safe);
            _writer.Flush();
        }
    }

    private sealed class NoGroup : IDisposable
    {
        public static readonly NoGroup Instance = new();

        public void Dispose()
        {
        }
    }
}
