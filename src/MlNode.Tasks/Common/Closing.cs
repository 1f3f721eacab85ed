namespace MlNode.Tasks.Common;

/// <summary>An <see cref="IDisposable"/> that runs an action once.</summary>
internal sealed class Closing(Action close) : IDisposable
{
    private Action? _close = close;

    /// <summary>Gets a closing that does nothing.</summary>
    public static IDisposable Nothing { get; } = new Closing(() => { });

    /// <inheritdoc />
    public void Dispose() => Interlocked.Exchange(ref _close, null)?.Invoke();
}
