using MlNode.Simulator.Faults;

namespace MlNode.Simulator.Http;

/// <summary>Answers a request as a broken or hostile server in front of a node would: a reply of any size, or a redirect anywhere.</summary>
internal static class ReplyFaults
{
    /// <summary>Answers with <see cref="FaultKind.HugeReply"/> or <see cref="FaultKind.Redirect"/>.</summary>
    public static async Task AnswerAsync(HttpContext context, Fault fault)
    {
        if (fault.Kind == FaultKind.Redirect)
        {
            var (status, location) = Redirect(fault.Argument!);
            context.Response.StatusCode = status;
            context.Response.Headers.Location = location;
            return;
        }

        // A JSON object whose one string field fills the size, written in 64 KiB chunks: the client sees a valid reply
        // of that length, the simulator never holds it.
        var bytes = (long)(fault.Number(1) * 1024 * 1024);
        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.ContentType = "application/json";
        const string Head = "{\"status\":\"DOWNLOADED\",\"padding\":\"";
        const string Tail = "\"}";
        var chunk = new byte[64 * 1024];
        Array.Fill(chunk, (byte)'x');
        await context.Response.WriteAsync(Head, context.RequestAborted).ConfigureAwait(false);
        for (var left = Math.Max(0, bytes - Head.Length - Tail.Length); left > 0; left -= chunk.Length)
        {
            await context.Response.Body.WriteAsync(chunk.AsMemory(0, (int)Math.Min(chunk.Length, left)), context.RequestAborted).ConfigureAwait(false);
        }

        await context.Response.WriteAsync(Tail, context.RequestAborted).ConfigureAwait(false);
    }

    // "303:http://x/" answers 303; a bare location answers 302.
    private static (int Status, string Location) Redirect(string argument) =>
        argument.Length > 4 && argument[3] == ':' && int.TryParse(argument.AsSpan(0, 3), out var status) && status is >= 300 and < 400
            ? (status, argument[4..])
            : (StatusCodes.Status302Found, argument);
}
