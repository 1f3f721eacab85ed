using System.Text;
using Microsoft.AspNetCore.Connections.Features;
using MlNode.Simulator.Faults;

namespace MlNode.Simulator.Http;

/// <summary>
/// Sits in front of every route: records the request in the journal, checks the optional authorization, and
/// injects the HTTP-level faults (slow, hang, dropped connection, garbage body, transient 502/503, a gateway that
/// refuses chunked request bodies).
/// </summary>
internal sealed class SimulatorMiddleware
{
    private readonly RequestDelegate _next;
    private readonly SimulatorOptions _options;
    private readonly RequestJournal _journal;
    private readonly TimeProvider _time;
    private readonly CancellationToken _shutdown;
    private readonly Random _random;
    private readonly object _randomGate = new();
    private int _dropped;

    public SimulatorMiddleware(RequestDelegate next, SimulatorOptions options, RequestJournal journal, TimeProvider time, CancellationToken shutdown)
    {
        _time = time;
        _next = next;
        _options = options;
        _journal = journal;
        _shutdown = shutdown;
        _random = new Random(options.Seed);
    }

    public async Task InvokeAsync(HttpContext context)
    {
        context.Request.EnableBuffering();
        var body = await ReadBodyAsync(context.Request).ConfigureAwait(false);
        var path = context.Request.Path.Value ?? "/";
        var headers = context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
        var record = new RecordedRequest(_journal.NextSequence(), _time.GetUtcNow(), context.Request.Method, path, headers, body);
        _journal.Add(record);
        try
        {
            await HandleAsync(context, path).ConfigureAwait(false);
        }
        finally
        {
            record.StatusCode = context.RequestAborted.IsCancellationRequested ? 0 : context.Response.StatusCode;
        }
    }

    private async Task HandleAsync(HttpContext context, string path)
    {
        if (!path.StartsWith("/api/", StringComparison.Ordinal))
        {
            await _next(context).ConfigureAwait(false);
            return;
        }

        if (_options.RequireAuthorization is { } expected && context.Request.Headers.Authorization.ToString() != expected)
        {
            await Json.Detail(StatusCodes.Status401Unauthorized, "Not authenticated").ExecuteAsync(context).ConfigureAwait(false);
            return;
        }

        foreach (var fault in _options.Faults.Where(f => f.Matches(path)))
        {
            switch (fault.Kind)
            {
                case FaultKind.Slow:
                    await Task.Delay(TimeSpan.FromMilliseconds(fault.Number(0)), _time, context.RequestAborted).ConfigureAwait(false);
                    break;
                case FaultKind.Hang:
                    using (var both = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, _shutdown))
                    {
                        try
                        {
                            await Task.Delay(Timeout.InfiniteTimeSpan, _time, both.Token).ConfigureAwait(false);
                        }
                        catch (OperationCanceledException)
                        {
                            context.Abort();
                        }
                    }

                    return;
                case FaultKind.Drop:
                    context.Abort();
                    return;
                case FaultKind.DropFirst when Interlocked.Increment(ref _dropped) <= (int)fault.Number(1):
                    // A proxy that gives up on its upstream closes the client's connection cleanly (FIN) before any
                    // response byte: the client sees "the response ended prematurely", not a reset.
                    context.Features.Get<IConnectionSocketFeature>()?.Socket.Shutdown(System.Net.Sockets.SocketShutdown.Send);
                    context.Abort();
                    return;
                case FaultKind.NoChunked when context.Request.ContentLength is null && context.Request.Headers.TransferEncoding.ToString().Contains("chunked", StringComparison.OrdinalIgnoreCase):
                    context.Response.StatusCode = StatusCodes.Status411LengthRequired;
                    context.Response.ContentType = "text/html";
                    await context.Response.WriteAsync("<html><head><title>411 Length Required</title></head></html>", context.RequestAborted).ConfigureAwait(false);
                    return;
                case FaultKind.HugeReply or FaultKind.Redirect:
                    await ReplyFaults.AnswerAsync(context, fault).ConfigureAwait(false);
                    return;
                case FaultKind.HostileError:
                    await Json.Detail(StatusCodes.Status500InternalServerError, Fault.HostileText).ExecuteAsync(context).ConfigureAwait(false);
                    return;
                case FaultKind.Garbage:
                    context.Response.StatusCode = StatusCodes.Status200OK;
                    context.Response.ContentType = "text/html";
                    await context.Response.WriteAsync("<html><body><h1>Welcome to nginx!</h1></body></html>", context.RequestAborted).ConfigureAwait(false);
                    return;
                case FaultKind.Transient when Roll() < fault.Number(0):
                    var status = Roll() < 0.5 ? StatusCodes.Status502BadGateway : StatusCodes.Status503ServiceUnavailable;
                    if (status == StatusCodes.Status502BadGateway)
                    {
                        context.Response.StatusCode = status;
                        context.Response.ContentType = "text/html";
                        await context.Response.WriteAsync("<html><head><title>502 Bad Gateway</title></head></html>", context.RequestAborted).ConfigureAwait(false);
                    }
                    else
                    {
                        await Json.Detail(status, "Service temporarily unavailable").ExecuteAsync(context).ConfigureAwait(false);
                    }

                    return;
            }
        }

        if (_options.Faults.Any(f => f.Kind == FaultKind.LostReply && f.Matches(path)))
        {
            // The node acts on the request; the reply is lost on the way back.
            var original = context.Response.Body;
            context.Response.Body = Stream.Null;
            await _next(context).ConfigureAwait(false);
            context.Response.Body = original;
            context.Response.Clear();
            context.Response.StatusCode = StatusCodes.Status502BadGateway;
            context.Response.ContentType = "text/html";
            await context.Response.WriteAsync("<html><head><title>502 Bad Gateway</title></head></html>", context.RequestAborted).ConfigureAwait(false);
            return;
        }

        await _next(context).ConfigureAwait(false);
    }

    private double Roll()
    {
        lock (_randomGate)
        {
            return _random.NextDouble();
        }
    }

    private async Task<string> ReadBodyAsync(HttpRequest request)
    {
        if (request.ContentLength is 0 || !(request.Body.CanRead))
        {
            return string.Empty;
        }

        using var reader = new StreamReader(request.Body, Encoding.UTF8, detectEncodingFromByteOrderMarks: false, bufferSize: 64 * 1024, leaveOpen: true);
        var text = await reader.ReadToEndAsync().ConfigureAwait(false);
        request.Body.Position = 0;
        return text.Length > _options.JournalBodyLimit ? text[.._options.JournalBodyLimit] : text;
    }
}
