using System.Globalization;

namespace MlNode.Tasks.Client;

/// <summary>
/// The largest reply read from an MLNode, per kind of call. A real node's status and command replies are a few
/// kilobytes; a generation or validation reply grows with the nonces asked (a vector entry is about 70 bytes, a
/// mismatch nonce a dozen). Anything larger is not an MLNode's answer and is refused before it fills memory.
/// </summary>
internal static class ReplyLimits
{
    /// <summary>Status, lifecycle and command replies (and the Admin API's, whose fleet list of a thousand nodes is well under 1 MiB).</summary>
    public const long Small = 16L * 1024 * 1024;

    /// <summary>What one nonce may add to a generation or validation reply: far above a vector entry, room for per-nonce details.</summary>
    public const long PerNonce = 4 * 1024;

    /// <summary>The cap of a reply about <paramref name="nonces"/> nonces.</summary>
    public static long ForNonces(int nonces) => Small + (PerNonce * Math.Max(0, nonces));

    /// <summary>The cap as a person reads it (e.g. <c>16 MiB</c>).</summary>
    public static string Describe(long bytes) => string.Create(CultureInfo.InvariantCulture, $"{bytes / (1024.0 * 1024):0.#} MiB");
}
