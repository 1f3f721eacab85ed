using System.Text;

namespace MlNode.Simulator.Http;

/// <summary>Helpers shared by the route groups.</summary>
internal static class Routes
{
    /// <summary>Reads the whole request body as text.</summary>
    public static async Task<string> ReadAsync(HttpRequest request)
    {
        using var reader = new StreamReader(request.Body, Encoding.UTF8, detectEncodingFromByteOrderMarks: false, bufferSize: 64 * 1024, leaveOpen: true);
        return await reader.ReadToEndAsync().ConfigureAwait(false);
    }
}
