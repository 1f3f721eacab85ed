namespace MlNode.Tasks.Common;

/// <summary>
/// Scrubs known secrets (URL passwords, authorization header values) from every text the tool prints or
/// writes. Secrets are registered once when the inputs are resolved; every output path goes through here.
/// </summary>
internal sealed partial class SecretRedactor
{
    /// <summary>The text that replaces a secret.</summary>
    public const string Mask = "***";

    private readonly object _gate = new();
    private string[] _secrets = [];

    /// <summary>Registers a secret. Values shorter than 3 characters are ignored: masking them would mangle normal text.</summary>
    public void Add(string? secret)
    {
        if (string.IsNullOrEmpty(secret) || secret.Length < 3)
        {
            return;
        }

        lock (_gate)
        {
            if (!_secrets.Contains(secret, StringComparer.Ordinal))
            {
                // Longest first, so a secret that contains another is masked whole.
                _secrets = [.. _secrets.Append(secret).OrderByDescending(s => s.Length)];
            }
        }
    }

    /// <summary>Returns the text with every registered secret replaced by <see cref="Mask"/>.</summary>
    public string Redact(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var secrets = _secrets;
        foreach (var secret in secrets)
        {
            text = text.Replace(secret, Mask, StringComparison.Ordinal);
        }

        // A URL's user:password is a secret even when nobody registered it (a mistyped argument echoed back). Up to the
        // URL's last '@': a password with a raw '/' or '@' ends the authority early, and its rest must not show.
        return text.Contains("://", StringComparison.Ordinal) ? UserInfo().Replace(text, Mask + "@") : text;
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"(?<=\b[A-Za-z][A-Za-z0-9+.\-]*://)[^\s'""<>]*@", System.Text.RegularExpressions.RegexOptions.CultureInvariant)]
    private static partial System.Text.RegularExpressions.Regex UserInfo();
}
